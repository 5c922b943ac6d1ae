namespace FunctionsSequence.Core.DeadLetters;

/// <summary>
/// Every dead-lettered event, kept for redrive, and the audit of redrives. Shared by every
/// instance of the app (a table beside the task hub); in memory for fseq without storage.
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>
    /// Records <paramref name="record"/> once: when its <see cref="DeadLetterRecord.Id"/> is recorded
    /// and not redriven since (the dead-letter activity running again), nothing changes; when it was
    /// redriven since, it is recorded again as dead-lettered, keeping its count of redrives, but only
    /// if <paramref name="record"/> comes from the latest redrive's run (its
    /// <see cref="DeadLetterRecord.Redrives"/> is that redrive's number).
    /// </summary>
    /// <returns>True when this call recorded it (new, or again after a redrive); false when nothing changed.</returns>
    Task<bool> RecordAsync(DeadLetterRecord record, CancellationToken cancellationToken);

    /// <summary>Every record, oldest first.</summary>
    Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The record <paramref name="id"/>, or null.</summary>
    Task<DeadLetterRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces the record if it is still at <paramref name="updated"/>'s <see cref="DeadLetterRecord.Version"/>; false when another change came first.</summary>
    Task<bool> UpdateAsync(DeadLetterRecord updated, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="audit"/> to the audit.</summary>
    Task AuditAsync(RedriveAudit audit, CancellationToken cancellationToken);

    /// <summary>The audit, oldest first.</summary>
    Task<IReadOnlyList<RedriveAudit>> AuditsAsync(CancellationToken cancellationToken);
}
