using System.Text;
using Azure.Data.Tables;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// The display ledger in table storage, beside the task hub: it survives a crash, so an event whose
/// display activity replays after a restart is not printed twice. A shared run displays its events
/// together; their checks and records are grouped (<see cref="GroupCommit{TItem, TResult}"/>) into
/// one table query and one table transaction per group. One blob per event (a check and a write
/// each) cost Azurite more than the engine's own work: the Azurite rows of the benchmark ran at
/// 121-168 events/s with it, 293-346 without any ledger.
/// </summary>
internal sealed class TableDisplayLedger : IDisplayLedger
{
    // A table filter holds at most 15 comparisons: the partition and 14 keys.
    private const int KeysPerQuery = 14;

    // Printed events are recorded a group at a time, so a kill between print and record shows at
    // most a group of them again (the crash test allows 5% duplicates in shared runs).
    private const int KeysPerRecord = 14;
    private const int CallsInFlight = 4;
    private const string Partition = "displayed";

    private readonly TableClient table;
    private readonly GroupCommit<string, bool> seen;
    private readonly GroupCommit<string, bool> recorded;

    private TableDisplayLedger(TableClient table)
    {
        this.table = table;
        seen = new GroupCommit<string, bool>(FindAsync, KeysPerQuery, CallsInFlight);
        recorded = new GroupCommit<string, bool>(AddAsync, KeysPerRecord, CallsInFlight);
    }

    /// <summary>The ledger's table for <paramref name="taskHub"/> (task hub names are letters and digits, as table names must be).</summary>
    public static string TableName(string taskHub) => $"{taskHub}Displayed";

    public static async Task<TableDisplayLedger> CreateAsync(string connectionString, string taskHub, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, TableName(taskHub));
        await table.CreateIfNotExistsAsync(cancellationToken);
        return new TableDisplayLedger(table);
    }

    public async ValueTask<bool> SeenAsync(string key, CancellationToken cancellationToken) =>
        await seen.SubmitAsync(key, cancellationToken);

    public async ValueTask RecordAsync(string key, CancellationToken cancellationToken) =>
        await recorded.SubmitAsync(key, cancellationToken);

    private async Task<IReadOnlyList<bool>> FindAsync(IReadOnlyList<string> keys)
    {
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
        // Upserts, not inserts: a key recorded already (by an earlier attempt) must not fail the group.
        await table.SubmitTransactionAsync(keys.Distinct(StringComparer.Ordinal)
            .Select(key => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, key))));
        return [.. keys.Select(_ => true)];
    }
}
