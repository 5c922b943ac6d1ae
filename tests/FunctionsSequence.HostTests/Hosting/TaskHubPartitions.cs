using Azure.Data.Tables;

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>Who holds a task hub's control queues, as the Durable extension's table partition manager records it (<c>&lt;taskhub&gt;Partitions</c>).</summary>
internal static class TaskHubPartitions
{
    private const string Azurite = "UseDevelopmentStorage=true";

    /// <summary>Each control queue's current owner (a worker id), in partition order.</summary>
    public static async Task<IReadOnlyList<string>> OwnersAsync(string taskHub, string storage = Azurite)
    {
        var partitions = new TableClient(storage, taskHub + "Partitions");
        var owners = new List<string>();
        await foreach (TableEntity partition in partitions.QueryAsync<TableEntity>())
        {
            owners.Add(partition.GetString("CurrentOwner") ?? "");
        }

        return owners;
    }

    /// <summary>
    /// Waits until <paramref name="instances"/> instances (at most the 4 control queues) hold every control
    /// queue between them, each some, as Azure spreads them; returns the owners.
    /// </summary>
    public static async Task<string> SplitAsync(string taskHub, int instances, TimeSpan timeout, string storage = Azurite)
    {
        IReadOnlyList<string> owners = [];
        await Eventually.UntilAsync(
            async () =>
            {
                owners = await OwnersAsync(taskHub, storage);
                return owners.Count > 0 && owners.All(o => o.Length > 0) && owners.Distinct().Count() == instances;
            },
            timeout,
            () => $"the control queues' owners: {string.Join(", ", owners)}");
        return string.Join(", ", owners);
    }
}
