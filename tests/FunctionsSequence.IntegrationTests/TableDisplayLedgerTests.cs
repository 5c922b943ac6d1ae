using Azure.Data.Tables;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The display ledger on Azurite's table storage (./test.sh starts it).</summary>
public sealed class TableDisplayLedgerTests : IAsyncLifetime
{
    private readonly string taskHub = "ledgertest" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_recorded_key_is_seen_from_then_on_also_by_a_new_process()
    {
        TableDisplayLedger ledger = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString), taskHub);
        Assert.False(await ledger.SeenAsync("event-display-abc", default));

        await ledger.RecordAsync("event-display-abc", default);
        await ledger.RecordAsync("event-display-abc", default); // a replay records again: no error

        Assert.True(await ledger.SeenAsync("event-display-abc", default));
        TableDisplayLedger afterRestart = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString), taskHub);
        Assert.True(await afterRestart.SeenAsync("event-display-abc", default));
        Assert.False(await afterRestart.SeenAsync("event-display-abd", default));
    }

    [Fact]
    public async Task Many_keys_checked_and_recorded_at_once_give_each_key_its_own_answer()
    {
        TableDisplayLedger ledger = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString), taskHub);
        string[] keys = [.. Enumerable.Range(0, 100).Select(i => $"event-display-{i:x4}"), "it's-quoted"];
        string[] recorded = [.. keys.Where((_, i) => i % 3 == 0)];

        await Task.WhenAll(recorded.Select(k => ledger.RecordAsync(k, default).AsTask()));
        bool[] seen = await Task.WhenAll(keys.Select(k => ledger.SeenAsync(k, default).AsTask()));

        Assert.Equal(keys.Select(recorded.Contains), seen);
    }

    public async Task InitializeAsync() => await Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await new TableClient(Azurite.ConnectionString, taskHub + TableDisplayLedger.TableSuffix).DeleteAsync();
}
