using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>An admission ledger whose confirmations fail, as storage can between a run's scheduling and its confirmation.</summary>
internal sealed class UnconfirmedLedger(IAdmissionLedger inner) : IAdmissionLedger
{
    public TimeSpan Retention => inner.Retention;

    public Task<IReadOnlyList<AdmissionClaim?>> ClaimAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
        inner.ClaimAsync(target, members, runId, cancellationToken);

    public Task<AdmissionClaim?> GetAsync(RunTarget target, string member, CancellationToken cancellationToken) => inner.GetAsync(target, member, cancellationToken);

    public Task<bool> ReplaceAsync(RunTarget target, AdmissionClaim claim, string runId, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(target, claim, runId, cancellationToken);

    public Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
        Task.FromException(new InvalidOperationException("storage down"));

    public Task ReleaseAsync(RunTarget target, IReadOnlyList<string> members, CancellationToken cancellationToken) =>
        inner.ReleaseAsync(target, members, cancellationToken);

    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => inner.ForgetExpiredAsync(cancellationToken);
}
