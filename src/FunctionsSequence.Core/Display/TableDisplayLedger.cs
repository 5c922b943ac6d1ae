using System.Net;
using System.Text;
using Azure.Data.Tables;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Display;

/// <summary>
/// The display ledger in table storage, beside the task hub: it survives a crash and is shared by
/// every instance of the app, so an event whose display activity replays after a restart, or on
/// another instance, is not printed twice. A key is an entity: while a display prints it, a claim
/// naming the process; once printed, a record with no claimant. A claim is an insert, which storage
/// lets one process win, so two copies at once on two instances print once. A shared run hands its
/// events over together; they and what other activities hand over meanwhile are grouped
/// (<see cref="GroupCommit{TItem, TResult}"/>) into one table transaction per 14 keys to claim and
/// one to record, as storage round trips cost more than the engine's own work.
/// </summary>
public sealed class TableDisplayLedger : IDisplayLedger
{
    // A table filter holds at most 15 comparisons, the partition and 14 keys; a transaction takes at
    // most 100 entities. Groups stay small so one slow call holds few.
    private const int KeysPerCall = 14;
    private const int CallsInFlight = 4;
    private const string Partition = "displayed";
    private const string ClaimantProperty = "Claimant";

    private readonly LedgerTable ledgerTable;
    private readonly GroupCommit<string, DisplayClaim> claimed;
    private readonly GroupCommit<string, bool> recorded;
    private readonly TimeProvider time;

    // Names this ledger's claims (see TakesOver).
    private readonly string claimant = Guid.NewGuid().ToString("N");

    /// <summary>
    /// The ledger of <paramref name="taskHub"/> in <paramref name="tables"/> (a managed identity's
    /// client in Azure), keeping each key <paramref name="retention"/> (the dedup window: what comes
    /// later is a new delivery to the admission ledger too). Another process's claim counts for
    /// <paramref name="claimLease"/> (<see cref="DefaultClaimLease"/> when null) from when it was written.
    /// </summary>
    public TableDisplayLedger(TableServiceClient tables, string taskHub, TimeSpan retention, TimeProvider? time = null, TimeSpan? claimLease = null)
    {
        ledgerTable = new LedgerTable(tables, taskHub, TableSuffix);
        Retention = retention;
        ClaimLease = claimLease ?? DefaultClaimLease;
        this.time = time ?? TimeProvider.System;
        claimed = new GroupCommit<string, DisplayClaim>(ClaimGroupAsync, KeysPerCall, CallsInFlight);
        recorded = new GroupCommit<string, bool>(AddAsync, KeysPerCall, CallsInFlight);
    }

    /// <summary>
    /// How long a claim another process left unrecorded holds its key: far longer than a display
    /// takes from claim to record (a print and a table call), short beside a crashed instance's restart.
    /// </summary>
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromSeconds(30);

    /// <summary>The ledger's table is <c>{taskHub}Displayed</c>.</summary>
    public const string TableSuffix = "Displayed";

    /// <summary>How long a key is kept.</summary>
    public TimeSpan Retention { get; }

    /// <summary>How long another process's unrecorded claim holds its key.</summary>
    public TimeSpan ClaimLease { get; }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        await claimed.SubmitAsync(keys, cancellationToken);

    /// <inheritdoc />
    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) =>
        ledgerTable.DeleteWrittenBeforeAsync(time.GetUtcNow() - Retention, cancellationToken);

    /// <inheritdoc />
    public async ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        await recorded.SubmitAsync(keys, cancellationToken);

    /// <summary>
    /// Claims a group in one transaction. A key claimed or printed already fails it whole: then the
    /// group is read in one query and the keys found absent claimed in one transaction; only keys
    /// to take over, or a second conflict, go one at a time.
    /// </summary>
    private async Task<IReadOnlyList<DisplayClaim>> ClaimGroupAsync(IReadOnlyList<string> keys)
    {
        TableClient table = await ledgerTable.GetAsync(CancellationToken.None);
        string[] distinct = [.. keys.Distinct(StringComparer.Ordinal)];
        if (await TryClaimAllAsync(table, distinct))
        {
            return [.. keys.Select(_ => DisplayClaim.Claimed)];
        }

        Dictionary<string, TableEntity> found = await FindAsync(table, distinct);
        string[] absent = [.. distinct.Where(key => !found.ContainsKey(key))];
        bool absentClaimed = absent.Length > 0 && await TryClaimAllAsync(table, absent);
        var answers = new Dictionary<string, DisplayClaim>(StringComparer.Ordinal);
        var oneByOne = new List<string>();
        foreach (string key in distinct)
        {
            if (!found.TryGetValue(key, out TableEntity? entity))
            {
                if (absentClaimed)
                {
                    answers[key] = DisplayClaim.Claimed;
                }
                else
                {
                    oneByOne.Add(key);
                }
            }
            else if (TakesOver(entity))
            {
                oneByOne.Add(key);
            }
            else
            {
                answers[key] = StateOf(entity);
            }
        }

        DisplayClaim[] each = await Task.WhenAll(oneByOne.Select(ClaimOneAsync));
        for (int i = 0; i < oneByOne.Count; i++)
        {
            answers[oneByOne[i]] = each[i];
        }

        return [.. keys.Select(key => answers[key])];
    }

    /// <summary>Inserts a claim for each key in one transaction; false when one of them exists, and then none was written.</summary>
    private async Task<bool> TryClaimAllAsync(TableClient table, string[] keys)
    {
        try
        {
            await table.SubmitTransactionAsync(keys.Select(key => new TableTransactionAction(TableTransactionActionType.Add, Claim(key))));
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>The entities of <paramref name="keys"/> that exist (at most 14: a filter holds 15 comparisons).</summary>
    private static async Task<Dictionary<string, TableEntity>> FindAsync(TableClient table, string[] keys)
    {
        var filter = new StringBuilder($"PartitionKey eq '{Partition}' and (");
        for (int i = 0; i < keys.Length; i++)
        {
            filter.Append(i == 0 ? "" : " or ").Append("RowKey eq '").Append(keys[i].Replace("'", "''", StringComparison.Ordinal)).Append('\'');
        }

        var found = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter.Append(')').ToString(), select: ["RowKey", "Timestamp", ClaimantProperty]))
        {
            found[entity.RowKey] = entity;
        }

        return found;
    }

    /// <summary>Claims one key: inserts its claim, or reads what holds it and takes over a claim of its own or one past the lease.</summary>
    private async Task<DisplayClaim> ClaimOneAsync(string key) =>
        await ledgerTable.ClaimAsync(Claim(key), TakesOver, CancellationToken.None) is { } holder ? StateOf(holder) : DisplayClaim.Claimed;

    /// <summary>
    /// A claim this ledger made and left unrecorded (an attempt that failed: its display shows a key
    /// in one call at a time), or another process's past the lease (its holder died or stalled).
    /// </summary>
    private bool TakesOver(TableEntity entity) =>
        entity.GetString(ClaimantProperty) is { } holder
        && (holder == claimant || (entity.Timestamp ?? DateTimeOffset.MinValue) + ClaimLease <= time.GetUtcNow());

    /// <summary>A record (no claimant) is printed; a claim not taken over is held.</summary>
    private static DisplayClaim StateOf(TableEntity entity) =>
        entity.GetString(ClaimantProperty) is null ? DisplayClaim.Printed : DisplayClaim.Held;

    private TableEntity Claim(string key) => new(Partition, key) { [ClaimantProperty] = claimant };

    private async Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<string> keys)
    {
        TableClient table = await ledgerTable.GetAsync(CancellationToken.None);
        // Upserts, not inserts: they replace the claim with the record, and a key recorded already (by an
        // earlier attempt) must not fail the group.
        await table.SubmitTransactionAsync(keys.Distinct(StringComparer.Ordinal)
            .Select(key => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, key))));
        return [.. keys.Select(_ => true)];
    }
}
