using System.Text;
using Azure.Data.Tables;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Display;

/// <summary>
/// The display ledger in table storage, beside the task hub: it survives a crash and is shared by
/// every instance of the app, so an event whose display activity replays after a restart, or on
/// another instance, is not printed twice. A shared run hands its events over together; they and
/// what other activities hand over meanwhile are grouped (<see cref="GroupCommit{TItem, TResult}"/>)
/// into one table query and one table transaction per 14 keys, as storage round trips cost more
/// than the engine's own work.
/// </summary>
public sealed class TableDisplayLedger : IDisplayLedger
{
    // A table filter holds at most 15 comparisons: the partition and 14 keys.
    private const int KeysPerQuery = 14;

    // A table transaction takes at most 100 entities; groups stay small so one slow call holds few.
    private const int KeysPerRecord = 14;
    private const int CallsInFlight = 4;
    private const string Partition = "displayed";

    private readonly LedgerTable ledgerTable;
    private readonly GroupCommit<string, bool> seen;
    private readonly GroupCommit<string, bool> recorded;
    private readonly TimeProvider time;

    /// <summary>
    /// The ledger of <paramref name="taskHub"/> in <paramref name="tables"/> (a managed identity's
    /// client in Azure), keeping each key <paramref name="retention"/> (the dedup window: what comes
    /// later is a new delivery to the admission ledger too).
    /// </summary>
    public TableDisplayLedger(TableServiceClient tables, string taskHub, TimeSpan retention, TimeProvider? time = null)
    {
        ledgerTable = new LedgerTable(tables, taskHub, TableSuffix);
        Retention = retention;
        this.time = time ?? TimeProvider.System;
        seen = new GroupCommit<string, bool>(FindAsync, KeysPerQuery, CallsInFlight);
        recorded = new GroupCommit<string, bool>(AddAsync, KeysPerRecord, CallsInFlight);
    }

    /// <summary>The ledger's table is <c>{taskHub}Displayed</c>.</summary>
    public const string TableSuffix = "Displayed";

    /// <summary>How long a key is kept.</summary>
    public TimeSpan Retention { get; }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<bool>> SeenAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        await seen.SubmitAsync(keys, cancellationToken);

    /// <inheritdoc />
    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) =>
        ledgerTable.DeleteWrittenBeforeAsync(time.GetUtcNow() - Retention, cancellationToken);

    /// <inheritdoc />
    public async ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        await recorded.SubmitAsync(keys, cancellationToken);

    private async Task<IReadOnlyList<bool>> FindAsync(IReadOnlyList<string> keys)
    {
        TableClient table = await ledgerTable.GetAsync(CancellationToken.None);
        var filter = new StringBuilder($"PartitionKey eq '{Partition}' and (");
        for (int i = 0; i < keys.Count; i++)
        {
            filter.Append(i == 0 ? "" : " or ").Append("RowKey eq '").Append(keys[i].Replace("'", "''", StringComparison.Ordinal)).Append('\'');
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter.Append(')').ToString(), select: ["RowKey"]))
        {
            found.Add(entity.RowKey);
        }

        return [.. keys.Select(found.Contains)];
    }

    private async Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<string> keys)
    {
        TableClient table = await ledgerTable.GetAsync(CancellationToken.None);
        // Upserts, not inserts: a key recorded already (by an earlier attempt) must not fail the group.
        await table.SubmitTransactionAsync(keys.Distinct(StringComparer.Ordinal)
            .Select(key => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, key))));
        return [.. keys.Select(_ => true)];
    }
}
