using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.Core.Tests.DeadLetters;

/// <summary>A store whose record is deleted (by hand, in the table) just as a redrive claims it.</summary>
internal sealed class DeletedOnClaimStore(InMemoryDeadLetterStore inner) : IDeadLetterStore
{
    private bool deleted;

    public Task<bool> RecordAsync(DeadLetterRecord record, CancellationToken cancellationToken) => inner.RecordAsync(record, cancellationToken);

    public Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task<DeadLetterRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        deleted ? Task.FromResult<DeadLetterRecord?>(null) : inner.GetAsync(id, cancellationToken);

    public async Task<bool> UpdateAsync(DeadLetterRecord updated, CancellationToken cancellationToken)
    {
        bool won = await inner.UpdateAsync(updated, cancellationToken);
        deleted = true;
        return won;
    }

    public Task AuditAsync(RedriveAudit audit, CancellationToken cancellationToken) => inner.AuditAsync(audit, cancellationToken);

    public Task<IReadOnlyList<RedriveAudit>> AuditsAsync(CancellationToken cancellationToken) => inner.AuditsAsync(cancellationToken);
}
