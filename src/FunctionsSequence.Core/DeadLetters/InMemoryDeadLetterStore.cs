using System.Globalization;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>The dead-letter store of one process with no storage (fseq in memory): it lasts as long as the process.</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, DeadLetterRecord> records = new(StringComparer.Ordinal);
    private readonly List<RedriveAudit> audits = [];
    private long versions;

    /// <inheritdoc />
    public Task<bool> RecordAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (sync)
        {
            if (DeadLetterRecords.Recorded(records.GetValueOrDefault(record.Id), record) is not { } recorded)
            {
                return Task.FromResult(false);
            }

            records[record.Id] = Versioned(recorded);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<DeadLetterRecord>>([.. records.Values.OrderBy(r => r.DeadLetteredAt).ThenBy(r => r.Id, StringComparer.Ordinal)]);
        }
    }

    /// <inheritdoc />
    public Task<DeadLetterRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult(records.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateAsync(DeadLetterRecord updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        lock (sync)
        {
            if (!records.TryGetValue(updated.Id, out DeadLetterRecord? current) || current.Version != updated.Version)
            {
                return Task.FromResult(false);
            }

            records[updated.Id] = Versioned(updated);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task AuditAsync(RedriveAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        lock (sync)
        {
            audits.Add(audit);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RedriveAudit>> AuditsAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<RedriveAudit>>([.. audits]);
        }
    }

    private DeadLetterRecord Versioned(DeadLetterRecord record) => record with { Version = (++versions).ToString(CultureInfo.InvariantCulture) };
}
