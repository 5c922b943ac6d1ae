using System.Net;
using Azure;
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
    // A table transaction takes at most 100 entities; groups stay small so one slow call holds few.
    private const int KeysPerCall = 14;
    private const int CallsInFlight = 4;
    private const string Partition = "displayed";
    private const string ClaimantProperty = "Claimant";

    private readonly LedgerTable ledgerTable;
    private readonly GroupCommit<string, DisplayClaim> claimed;
    private readonly GroupCommit<string, bool> recorded;
    private readonly TimeProvider time;

    // This ledger's claims: one of its own found unrecorded was left by an attempt that failed, as its
    // display shows a key in one call at a time, and is taken over at once.
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

    /// <summary>Claims a group in one transaction; a key claimed or printed already fails it whole, and only then is each claimed alone.</summary>
    private async Task<IReadOnlyList<DisplayClaim>> ClaimGroupAsync(IReadOnlyList<string> keys)
    {
        TableClient table = await ledgerTable.GetAsync(CancellationToken.None);
        string[] distinct = [.. keys.Distinct(StringComparer.Ordinal)];
        try
        {
            await table.SubmitTransactionAsync(distinct.Select(key => new TableTransactionAction(TableTransactionActionType.Add, Claim(key))));
            return [.. keys.Select(_ => DisplayClaim.Claimed)];
        }
        catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            DisplayClaim[] each = await Task.WhenAll(distinct.Select(key => ClaimOneAsync(table, key)));
            Dictionary<string, DisplayClaim> byKey = distinct.Zip(each).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            return [.. keys.Select(key => byKey[key])];
        }
    }

    /// <summary>Inserts the key's claim, or reads what holds it; a claim of this ledger's, or one older than the lease, is taken over if still unchanged.</summary>
    private async Task<DisplayClaim> ClaimOneAsync(TableClient table, string key)
    {
        while (true)
        {
            try
            {
                await table.AddEntityAsync(Claim(key));
                return DisplayClaim.Claimed;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
            }

            NullableResponse<TableEntity> existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, key);
            if (!existing.HasValue)
            {
                continue; // forgotten meanwhile: claim it again
            }

            TableEntity entity = existing.Value!;
            string? holder = entity.GetString(ClaimantProperty);
            if (holder is null)
            {
                return DisplayClaim.Printed;
            }

            if (holder != claimant && (entity.Timestamp ?? DateTimeOffset.MinValue) + ClaimLease > time.GetUtcNow())
            {
                return DisplayClaim.Held;
            }

            try
            {
                await table.UpdateEntityAsync(Claim(key), entity.ETag, TableUpdateMode.Replace);
                return DisplayClaim.Claimed;
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                // Recorded, taken over or forgotten meanwhile: read it again.
            }
        }
    }

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
