using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>An admission ledger that passes every call to <paramref name="inner"/>; a test overrides the calls it changes.</summary>
internal abstract class DelegatingLedger(IAdmissionLedger inner) : IAdmissionLedger
{
    public TimeSpan Retention => inner.Retention;

    public virtual Task<IReadOnlyList<AdmissionClaim?>> ClaimAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
        inner.ClaimAsync(target, members, runId, cancellationToken);

    public virtual Task<AdmissionClaim?> GetAsync(RunTarget target, string member, CancellationToken cancellationToken) => inner.GetAsync(target, member, cancellationToken);

    public virtual Task<bool> ReplaceAsync(RunTarget target, AdmissionClaim claim, string runId, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(target, claim, runId, cancellationToken);

    public virtual Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
        inner.ConfirmAsync(target, members, runId, cancellationToken);

    public virtual Task ReleaseAsync(RunTarget target, IReadOnlyList<string> members, CancellationToken cancellationToken) =>
        inner.ReleaseAsync(target, members, cancellationToken);

    public virtual Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => inner.ForgetExpiredAsync(cancellationToken);
}
