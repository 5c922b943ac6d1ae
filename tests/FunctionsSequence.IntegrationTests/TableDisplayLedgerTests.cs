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
        TableDisplayLedger ledger = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString), taskHub, TimeSpan.FromHours(24));
        Assert.Equal([false], await ledger.SeenAsync(["event-display-abc"], default));

        await ledger.RecordAsync(["event-display-abc"], default);
        await ledger.RecordAsync(["event-display-abc"], default); // a replay records again: no error

        Assert.Equal([true], await ledger.SeenAsync(["event-display-abc"], default));
        TableDisplayLedger afterRestart = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString), taskHub, TimeSpan.FromHours(24));
        Assert.Equal([true, false], await afterRestart.SeenAsync(["event-display-abc", "event-display-abd"], default));
    }

    [Fact]
    public async Task Many_keys_checked_and_recorded_at_once_give_each_key_its_own_answer()
    {
        TableDisplayLedger ledger = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString), taskHub, TimeSpan.FromHours(24));
        string[] keys = [.. Enumerable.Range(0, 100).Select(i => $"event-display-{i:x4}"), "it's-quoted"];
        string[] recorded = [.. keys.Where((_, i) => i % 3 == 0)];

        // Handed over together, and one at a time from many callers at once: each key its own answer.
        await ledger.RecordAsync(recorded, default);
        IReadOnlyList<bool> together = await ledger.SeenAsync(keys, default);
        bool[] apart = await Task.WhenAll(keys.Select(async k => (await ledger.SeenAsync([k], default))[0]));

        Assert.Equal(keys.Select(recorded.Contains), together);
        Assert.Equal(keys.Select(recorded.Contains), apart);
    }

    [Fact]
    public async Task Keys_older_than_the_retention_are_forgotten_and_younger_ones_kept()
    {
        // Seconds apart, so that a stall of Azurite (shared by the other tests) cannot age the young key past the retention.
        var ledger = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString), taskHub, TimeSpan.FromSeconds(5));
        string[] old = [.. Enumerable.Range(0, 150).Select(i => $"old-{i:x4}")]; // more than a transaction
        await ledger.RecordAsync(old, default);
        await Task.Delay(TimeSpan.FromSeconds(6));
        await ledger.RecordAsync(["young"], default);

        Assert.Equal(150, await ledger.ForgetExpiredAsync(default));
        Assert.Equal([false, true], await ledger.SeenAsync(["old-0000", "young"], default));
    }

    public async Task InitializeAsync() => await Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await new TableClient(Azurite.ConnectionString, taskHub + TableDisplayLedger.TableSuffix).DeleteAsync();
}
