using System.Net;
using Azure;
using Azure.Data.Tables;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// The admission ledger in table storage beside the task hub, shared by every instance and kept
/// across restarts. A claim is an entity: partition the target, row the event's id there, the run
/// it went into, and the storage's own timestamp. A run's events are claimed in one transaction
/// (a run carries events of one target); an event claimed already makes that transaction fail, and
/// only then are the run's events claimed one by one to find which.
/// </summary>
public sealed class TableAdmissionLedger : IAdmissionLedger
{
    private const int EntitiesPerTransaction = 100;
    private const string RunProperty = "Run";
    private const string ScheduledProperty = "Scheduled";

    private readonly LedgerTable ledgerTable;
    private readonly TimeProvider time;

    /// <summary>The ledger of <paramref name="taskHub"/> in <paramref name="tables"/> (a managed identity's client in Azure).</summary>
    public TableAdmissionLedger(TableServiceClient tables, string taskHub, TimeSpan retention, TimeProvider? time = null)
    {
        ledgerTable = new LedgerTable(tables, taskHub, TableSuffix);
        Retention = retention;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The ledger's table is <c>{taskHub}Admitted</c>.</summary>
    public const string TableSuffix = "Admitted";

    /// <inheritdoc />
    public TimeSpan Retention { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AdmissionClaim?>> ClaimAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        var found = new AdmissionClaim?[members.Count];
        for (int start = 0; start < members.Count; start += EntitiesPerTransaction)
        {
            int count = Math.Min(EntitiesPerTransaction, members.Count - start);
            try
            {
                await table.SubmitTransactionAsync(
                    members.Skip(start).Take(count).Distinct(StringComparer.Ordinal)
                        .Select(m => new TableTransactionAction(TableTransactionActionType.Add, Entity(target, m, runId, scheduled: false))),
                    cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                // Someone claimed one of them: nothing of the transaction was written; claim each.
                AdmissionClaim?[] each = await Task.WhenAll(members.Skip(start).Take(count).Select(m => ClaimOneAsync(target, m, runId, cancellationToken)));
                each.CopyTo(found, start);
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<bool> ReplaceAsync(RunTarget target, AdmissionClaim claim, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(Entity(target, claim.Member, runId, scheduled: false), new ETag(claim.Version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<AdmissionClaim?> GetAsync(RunTarget target, string member, CancellationToken cancellationToken)
    {
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        NullableResponse<TableEntity> existing = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(target), member, cancellationToken: cancellationToken);
        AdmissionClaim? claim = existing.HasValue ? ClaimOf(existing.Value!) : null;
        return claim is not null && claim.ClaimedAt + Retention > time.GetUtcNow() ? claim : null;
    }

    /// <inheritdoc />
    public Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
        SubmitAsync(members, m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(target, m, runId, scheduled: true)), cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(RunTarget target, IReadOnlyList<string> members, CancellationToken cancellationToken) =>
        SubmitAsync(members, m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionOf(target), m), ETag.All), cancellationToken);

    /// <inheritdoc />
    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) =>
        ledgerTable.DeleteWrittenBeforeAsync(time.GetUtcNow() - Retention, cancellationToken);

    /// <summary>Claims one event: inserts it, or finds its claim; one older than the retention is taken over if still unchanged.</summary>
    private async Task<AdmissionClaim?> ClaimOneAsync(RunTarget target, string member, string runId, CancellationToken cancellationToken) =>
        await ledgerTable.ClaimAsync(Entity(target, member, runId, scheduled: false), e => ClaimOf(e).ClaimedAt + Retention <= time.GetUtcNow(), cancellationToken) is { } holder
            ? ClaimOf(holder)
            : null;

    private async Task SubmitAsync(IReadOnlyList<string> members, Func<string, TableTransactionAction> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        await ledgerTable.SubmitAsync(members.Distinct(StringComparer.Ordinal).Select(action), cancellationToken);
    }

    private static TableEntity Entity(RunTarget target, string member, string runId, bool scheduled) =>
        new(PartitionOf(target), member) { [RunProperty] = runId, [ScheduledProperty] = scheduled };

    private static AdmissionClaim ClaimOf(TableEntity entity) =>
        new(entity.RowKey, entity.GetString(RunProperty) ?? string.Empty, entity.GetBoolean(ScheduledProperty) ?? false, entity.Timestamp ?? DateTimeOffset.MinValue, entity.ETag.ToString());

    /// <summary>The target as a partition key: Knative names are lower-case letters, digits and '-', which keys allow.</summary>
    private static string PartitionOf(RunTarget target) => target.Kind switch
    {
        RunKind.Sequence => $"sequence-{target.Name}",
        RunKind.Parallel => $"parallel-{target.Name}",
        _ => $"trigger-{target.Name}",
    };
}
