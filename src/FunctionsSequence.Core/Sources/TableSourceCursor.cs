using Azure;
using Azure.Data.Tables;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Sources;

/// <summary>The cursor in table storage beside the task hub (<c>{taskHub}Sources</c>), so a restarted app fires what it missed and nothing twice.</summary>
public sealed class TableSourceCursor(TableServiceClient tables, string taskHub) : ISourceCursor
{
    private const string Partition = "cursor";
    private const string Row = "source-timer";
    private const string EndProperty = "End";

    private readonly LedgerTable ledgerTable = new(tables, taskHub, "Sources");

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetAsync(CancellationToken cancellationToken)
    {
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        NullableResponse<TableEntity> entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, [EndProperty], cancellationToken);
        return entity.HasValue ? entity.Value!.GetDateTimeOffset(EndProperty) : null;
    }

    /// <inheritdoc />
    public async Task SetAsync(DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        TableClient table = await ledgerTable.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, Row) { [EndProperty] = windowEnd }, TableUpdateMode.Replace, cancellationToken);
    }
}
