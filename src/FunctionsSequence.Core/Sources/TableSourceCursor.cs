using System.Buffers.Text;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// The cursor in table storage beside the task hub (<c>{taskHub}Sources</c>), a row per source, so a restarted app fires
/// what it missed and nothing twice. The one row an older version kept for every source is read as the end of each source
/// with no row of its own, so an app upgraded while down still fires what it missed; the next write drops it.
/// </summary>
public sealed class TableSourceCursor(TableServiceClient tables, string taskHub) : ISourceCursor
{
    private const string Partition = "cursor";
    private const string SharedRow = "source-timer";
    private const string SourceProperty = "Source";
    private const string EndProperty = "End";
    private const int EntitiesPerTransaction = 100;

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
            if ((rows.TryGetValue(source, out DateTimeOffset own) ? own : shared) is { } end)
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
        var written = ends.Select(e => new TableEntity(Partition, RowKey(e.Key)) { [SourceProperty] = e.Key, [EndProperty] = e.Value }).ToList();
        var keys = written.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        IEnumerable<TableTransactionAction> forgotten = (await RowsAsync([], cancellationToken))
            .Where(row => !keys.Contains(row.RowKey))
            .Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        foreach (TableTransactionAction[] chunk in written.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).Concat(forgotten).Chunk(EntitiesPerTransaction))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
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

    // A row key may not hold '/', which every source's name does: the name's UTF-8 in base64url, kept readable in a property of its own.
    private static string RowKey(string source) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(source));
}
