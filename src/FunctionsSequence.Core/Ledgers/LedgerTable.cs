using Azure.Data.Tables;

namespace FunctionsSequence.Core.Ledgers;

/// <summary>
/// A ledger's table beside the task hub (<c>{taskHub}{suffix}</c>; task hub names are letters and
/// digits, as table names must be), created on first use so that a host can register its ledgers
/// without waiting for storage. A failed creation is tried again on the next use.
/// </summary>
public sealed class LedgerTable(TableServiceClient tables, string taskHub, string suffix)
{
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
}
