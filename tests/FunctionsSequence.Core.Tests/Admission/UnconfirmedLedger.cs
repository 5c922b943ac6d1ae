using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>An admission ledger whose confirmations fail, as storage can between a run's scheduling and its confirmation.</summary>
internal sealed class UnconfirmedLedger(IAdmissionLedger inner) : DelegatingLedger(inner)
{
    public override Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
        Task.FromException(new InvalidOperationException("storage down"));
}
