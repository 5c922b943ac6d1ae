using Azure.Data.Tables;
using FunctionsSequence.Core.Sources;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The sources' cursor on Azurite's table storage (./test.sh starts it), as the app and fseq on storage keep it.</summary>
public sealed class TableSourceCursorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Ten = new(2031, 5, 17, 10, 0, 0, TimeSpan.Zero);
    private readonly string taskHub = "cursortest" + Guid.NewGuid().ToString("N")[..8];
    private readonly TableServiceClient tables = new(Azurite.ConnectionString);

    private static string Ping(int i) => $"/apis/v1/namespaces/default/pingsources/source-{i}";

    [Fact]
    public async Task Each_source_keeps_its_own_end_and_one_left_out_is_forgotten()
    {
        string[] sources = [.. Enumerable.Range(0, 130).Select(Ping)]; // more than one transaction holds
        await new TableSourceCursor(tables, taskHub).SetAsync(sources.ToDictionary(s => s, s => Ten.AddSeconds(Array.IndexOf(sources, s))), default);
        await new TableSourceCursor(tables, taskHub).SetAsync(sources.Skip(1).ToDictionary(s => s, _ => Ten.AddMinutes(5)), default);

        IReadOnlyDictionary<string, DateTimeOffset> kept = await new TableSourceCursor(tables, taskHub).GetAsync([.. sources, Ping(999)], default);

        Assert.Equal(129, kept.Count);
        Assert.False(kept.ContainsKey(Ping(0))); // removed, so declared again it starts afresh
        Assert.All(kept.Values, end => Assert.Equal(Ten.AddMinutes(5), end));
        Assert.Equal(129, await RowsAsync());
    }

    [Fact]
    public async Task The_one_row_an_older_version_kept_is_each_sources_end_where_later_until_the_next_write()
    {
        var cursor = new TableSourceCursor(tables, taskHub);
        await cursor.SetAsync(new Dictionary<string, DateTimeOffset> { [Ping(1)] = Ten, [Ping(3)] = Ten.AddMinutes(9) }, default);
        await tables.GetTableClient(taskHub + "Sources").AddEntityAsync(new TableEntity("cursor", "source-timer") { ["End"] = Ten.AddMinutes(2) }); // rolled back to it since

        IReadOnlyDictionary<string, DateTimeOffset> kept = await cursor.GetAsync([Ping(1), Ping(2), Ping(3)], default);
        await cursor.SetAsync(new Dictionary<string, DateTimeOffset> { [Ping(1)] = Ten.AddMinutes(3) }, default);

        Assert.Equal((Ten.AddMinutes(2), Ten.AddMinutes(2), Ten.AddMinutes(9)), (kept[Ping(1)], kept[Ping(2)], kept[Ping(3)]));
        Assert.Equal([Ping(1)], (await cursor.GetAsync([Ping(1), Ping(2)], default)).Keys);
        Assert.Equal(1, await RowsAsync());
    }

    private async Task<int> RowsAsync()
    {
        int rows = 0;
        await foreach (TableEntity _ in tables.GetTableClient(taskHub + "Sources").QueryAsync<TableEntity>())
        {
            rows++;
        }

        return rows;
    }

    public async Task InitializeAsync() => await Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await tables.DeleteTableAsync(taskHub + "Sources");
}
