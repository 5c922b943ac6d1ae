using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>
/// The dead-letter store in table storage beside the task hub (<c>{taskHub}DeadLetters</c>), shared
/// by every instance and kept across restarts. A record is an entity of partition
/// <c>deadletter</c> keyed by its id; the event is kept as UTF-8 in binary properties of up to
/// 64 KiB each, as a table property holds no more. Audit lines are entities of partition
/// <c>audit</c>, keyed by time.
/// </summary>
public sealed class TableDeadLetterStore(TableServiceClient tables, string taskHub) : IDeadLetterStore
{
    /// <summary>The store's table is <c>{taskHub}DeadLetters</c>.</summary>
    public const string TableSuffix = "DeadLetters";

    private const string RecordPartition = "deadletter";
    private const string AuditPartition = "audit";
    private const string EventProperty = "Event";
    private const int ChunkBytes = 64 * 1024;
    private const int MaxErrorLength = 4000;

    private readonly LedgerTable ledgerTable = new(tables, taskHub, TableSuffix);

    /// <inheritdoc />
    public async Task<bool> RecordAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        while (true)
        {
            try
            {
                await table.AddEntityAsync(ToEntity(record), cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                // Recorded already: DeadLetterRecords.Recorded says whether this changes it.
            }

            DeadLetterRecord? existing = await GetAsync(record.Id, cancellationToken);
            if (existing is null)
            {
                continue; // removed in between: add it
            }

            if (DeadLetterRecords.Recorded(existing, record) is not { } recorded)
            {
                return false;
            }

            if (await UpdateAsync(recorded, cancellationToken))
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken)
    {
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        var records = new List<DeadLetterRecord>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == RecordPartition, cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(entity));
        }

        return [.. records.OrderBy(r => r.DeadLetteredAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<DeadLetterRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(RecordPartition, id, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAsync(DeadLetterRecord updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(ToEntity(updated), new ETag(updated.Version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task AuditAsync(RedriveAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        string row = $"{audit.Time.UtcTicks:D19}-{audit.Record}-{Guid.NewGuid():N}";
        await table.AddEntityAsync(new TableEntity(AuditPartition, row) { ["Audit"] = JsonSerializer.Serialize(audit, DeadLetterJson.Options) }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RedriveAudit>> AuditsAsync(CancellationToken cancellationToken)
    {
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        var audits = new List<RedriveAudit>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == AuditPartition, cancellationToken: cancellationToken))
        {
            audits.Add(JsonSerializer.Deserialize<RedriveAudit>(entity.GetString("Audit"), DeadLetterJson.Options)!);
        }

        return audits;
    }

    private static TableEntity ToEntity(DeadLetterRecord record)
    {
        var entity = new TableEntity(RecordPartition, record.Id)
        {
            ["Hop"] = JsonSerializer.Serialize(record.Hop, DeadLetterJson.Options),
            ["Destination"] = record.Destination,
            ["StatusCode"] = record.StatusCode,
            ["Error"] = record.Error is { Length: > MaxErrorLength } error ? error[..MaxErrorLength] : record.Error,
            ["Attempts"] = record.Attempts,
            ["DeadLetteredAt"] = record.DeadLetteredAt,
            ["Origin"] = record.Origin,
            ["State"] = record.State.ToString(),
            ["Redrives"] = record.Redrives,
            ["RedrivenAt"] = record.RedrivenAt,
            ["RedriveResult"] = record.RedriveResult,
        };
        byte[] bytes = Encoding.UTF8.GetBytes(record.Event);
        for (int i = 0, at = 0; at < bytes.Length; i++, at += ChunkBytes)
        {
            entity[EventProperty + i.ToString(CultureInfo.InvariantCulture)] = bytes[at..Math.Min(bytes.Length, at + ChunkBytes)];
        }

        return entity;
    }

    private static DeadLetterRecord FromEntity(TableEntity entity)
    {
        using var bytes = new MemoryStream();
        for (int i = 0; entity.GetBinary(EventProperty + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            bytes.Write(chunk);
        }

        return new DeadLetterRecord(
            entity.RowKey,
            JsonSerializer.Deserialize<Hop>(entity.GetString("Hop"), DeadLetterJson.Options)!,
            entity.GetString("Destination"),
            Encoding.UTF8.GetString(bytes.ToArray()),
            entity.GetInt32("StatusCode") ?? 0,
            entity.GetString("Error"),
            entity.GetInt32("Attempts") ?? 0,
            entity.GetDateTimeOffset("DeadLetteredAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
            entity.GetString("Origin"),
            Enum.Parse<DeadLetterState>(entity.GetString("State")),
            entity.GetInt32("Redrives") ?? 0,
            entity.GetDateTimeOffset("RedrivenAt"),
            entity.GetString("RedriveResult"),
            entity.ETag.ToString());
    }
}
