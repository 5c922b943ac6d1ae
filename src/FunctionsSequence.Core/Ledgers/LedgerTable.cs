using System.Net;
using Azure;
using Azure.Data.Tables;

namespace FunctionsSequence.Core.Ledgers;

/// <summary>
/// A ledger's table beside the task hub (<c>{taskHub}{suffix}</c>; task hub names are letters and
/// digits, as table names must be), created on first use so that a host can register its ledgers
/// without waiting for storage. A failed creation is tried again on the next use.
/// </summary>
public sealed class LedgerTable(TableServiceClient tables, string taskHub, string suffix)
{
    private const int EntitiesPerTransaction = 100;
    private const int EntitiesPerPage = 1000;

    private readonly Lock sync = new();
    private Task? created;

    /// <summary>The table's name.</summary>
    public string Name { get; } = $"{taskHub}{suffix}";

    /// <summary>The table, once it exists.</summary>
    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        TableClient table = tables.GetTableClient(Name);
        Task creating;
        lock (sync)
        {
            if (created is null || created.IsFaulted || created.IsCanceled)
            {
                created = table.CreateIfNotExistsAsync(CancellationToken.None);
            }

            creating = created;
        }

        await creating.WaitAsync(cancellationToken);
        return table;
    }

    /// <summary>
    /// Claims a key for one writer: inserts <paramref name="claim"/>, or reads the entity holding its
    /// key, and replaces one that <paramref name="takeOver"/> accepts (a claim whose holder is gone)
    /// if it is still as read. Null when the claim was written; else the entity that holds the key.
    /// </summary>
    public async Task<TableEntity?> ClaimAsync(TableEntity claim, Func<TableEntity, bool> takeOver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(takeOver);
        TableClient table = await GetAsync(cancellationToken);
        while (true)
        {
            try
            {
                await table.AddEntityAsync(claim, cancellationToken);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
            }

            NullableResponse<TableEntity> existing = await table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                continue; // deleted meanwhile: insert again
            }

            if (!takeOver(existing.Value!))
            {
                return existing.Value;
            }

            try
            {
                await table.UpdateEntityAsync(claim, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                // Changed or deleted since it was read: read it again.
            }
        }
    }

    /// <summary>Submits <paramref name="actions"/> on one partition's entities in transactions of at most 100, each all or nothing.</summary>
    public async Task SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TableClient table = await GetAsync(cancellationToken);
        foreach (TableTransactionAction[] chunk in actions.Chunk(EntitiesPerTransaction))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the entities last written before <paramref name="before"/> (by the storage's own
    /// timestamp), a page of the query at a time, so memory stays flat however many expired; returns
    /// how many.
    /// </summary>
    public async Task<int> DeleteWrittenBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        TableClient table = await GetAsync(cancellationToken);
        int deleted = 0;
        await foreach (Page<TableEntity> page in table.QueryAsync<TableEntity>(e => e.Timestamp < before, maxPerPage: EntitiesPerPage, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            // A transaction holds one partition's entities.
            foreach (IGrouping<string, TableEntity> partition in page.Values.GroupBy(e => e.PartitionKey))
            {
                await SubmitAsync(partition.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
                deleted += partition.Count();
            }
        }

        return deleted;
    }
}
