using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// The cursor in table storage beside the task hub (<c>{taskHub}Sources</c>), a row per source, so a restarted app fires
/// what it missed and nothing twice. The one row an older version kept for every source is read as the end of each
/// source where it is later than the source's own (an older version that ran since, in a rollback), and the next write
/// drops it, so that a source declared since then does not start from it.
/// </summary>
public sealed class TableSourceCursor(TableServiceClient tables, string taskHub) : ISourceCursor
{
    private const string Partition = "cursor";
    private const string SharedRow = "source-timer";
    private const string SourceProperty = "Source";
    private const string EndProperty = "End";

    private readonly LedgerTable ledgerTable = new(tables, taskHub, "Sources");

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetAsync(IReadOnlyCollection<string> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var rows = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (TableEntity row in await RowsAsync([SourceProperty, EndProperty], cancellationToken))
        {
            if (row.GetDateTimeOffset(EndProperty) is { } end)
            {
                rows[row.RowKey == SharedRow ? SharedRow : row.GetString(SourceProperty) ?? string.Empty] = end;
            }
        }

        DateTimeOffset? shared = rows.TryGetValue(SharedRow, out DateTimeOffset sharedEnd) ? sharedEnd : null;
        var kept = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (string source in sources)
        {
            DateTimeOffset? own = rows.TryGetValue(source, out DateTimeOffset ownEnd) ? ownEnd : null;
            if ((own > shared ? own : shared ?? own) is { } end)
            {
                kept[source] = end;
            }
        }

        return kept;
    }

    /// <inheritdoc />
    public async Task SetAsync(IReadOnlyDictionary<string, DateTimeOffset> ends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ends);
        TableEntity[] written = [.. ends.Select(e => new TableEntity(Partition, RowKey(e.Key)) { [SourceProperty] = e.Key, [EndProperty] = e.Value })];
        var keys = written.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        List<TableEntity> forgotten = [.. (await RowsAsync([], cancellationToken)).Where(row => !keys.Contains(row.RowKey))];
        await ledgerTable.SubmitAsync(written.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);

        // One at a time, and gone already is fine: in a transaction one row another writer deleted first would fail them all.
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        foreach (TableEntity row in forgotten)
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
            }
        }
    }

    private async Task<List<TableEntity>> RowsAsync(string[] properties, CancellationToken cancellationToken)
    {
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["PartitionKey", "RowKey", .. properties], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    // A row key may hold no '/' and at most 1 KiB, and a source's name has slashes and no bound on its namespace's
    // length here: its hash, the name kept readable in a property of its own.
    private static string RowKey(string source) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
}
