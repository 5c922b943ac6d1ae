using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FunctionsSequence.Core.Display;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The display ledger on Azurite's table storage (./test.sh starts it).</summary>
public sealed class TableDisplayLedgerTests : IAsyncLifetime
{
    private readonly string taskHub = "ledgertest" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_recorded_key_is_printed_from_then_on_also_for_a_new_process()
    {
        TableDisplayLedger ledger = NewLedger();
        Assert.Equal([DisplayClaim.Claimed], await ledger.ClaimAsync(["event-display-abc"], default));

        await ledger.RecordAsync(["event-display-abc"], default);
        await ledger.RecordAsync(["event-display-abc"], default); // a replay records again: no error

        Assert.Equal([DisplayClaim.Printed], await ledger.ClaimAsync(["event-display-abc"], default));
        TableDisplayLedger afterRestart = NewLedger();
        Assert.Equal([DisplayClaim.Printed, DisplayClaim.Claimed], await afterRestart.ClaimAsync(["event-display-abc", "event-display-abd"], default));
    }

    [Fact]
    public async Task Many_keys_claimed_at_once_give_each_key_its_own_answer()
    {
        TableDisplayLedger ledger = NewLedger();
        string[] keys = [.. Enumerable.Range(0, 100).Select(i => $"event-display-{i:x4}"), "it's-quoted"];
        string[] recorded = [.. keys.Where((_, i) => i % 3 == 0)];
        string[] half = [.. keys.Where((_, i) => i % 2 == 0)];
        await ledger.RecordAsync(recorded, default);

        // Handed over together, and one at a time from many callers at once: each key its own answer.
        IReadOnlyList<DisplayClaim> together = await ledger.ClaimAsync(half, default);
        DisplayClaim[] apart = await Task.WhenAll(keys.Except(half).Select(async k => (await NewLedger().ClaimAsync([k], default))[0]));

        Assert.Equal(half.Select(k => recorded.Contains(k) ? DisplayClaim.Printed : DisplayClaim.Claimed), together);
        Assert.Equal(keys.Except(half).Select(k => recorded.Contains(k) ? DisplayClaim.Printed : DisplayClaim.Claimed), apart);
    }

    [Fact]
    public async Task A_key_another_process_claimed_is_held_until_it_is_recorded_or_its_claim_lapses()
    {
        // The lease runs on the instance's clock from the claim's storage timestamp: a fake clock
        // started now, moved past the lease, stands for a holder that died before printing.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        TableDisplayLedger first = NewLedger(time: clock);
        TableDisplayLedger second = NewLedger(time: clock);
        Assert.Equal([DisplayClaim.Claimed, DisplayClaim.Claimed], await first.ClaimAsync(["printed", "lapsed"], default));

        Assert.Equal([DisplayClaim.Held, DisplayClaim.Held], await second.ClaimAsync(["printed", "lapsed"], default));
        await first.RecordAsync(["printed"], default);
        Assert.Equal([DisplayClaim.Printed, DisplayClaim.Held], await second.ClaimAsync(["printed", "lapsed"], default));
        Assert.Equal([DisplayClaim.Held], await second.ClaimAsync(["lapsed"], default)); // one at a time too

        clock.Advance(TableDisplayLedger.DefaultClaimLease + TimeSpan.FromMinutes(1));
        Assert.Equal([DisplayClaim.Printed, DisplayClaim.Claimed], await second.ClaimAsync(["printed", "lapsed"], default));
        Assert.Equal([DisplayClaim.Held], await NewLedger().ClaimAsync(["lapsed"], default)); // taken over: a fresh claim, on the real clock
    }

    [Fact]
    public async Task A_claim_of_its_own_left_unrecorded_by_a_failed_attempt_is_claimed_again_at_once()
    {
        TableDisplayLedger ledger = NewLedger();
        Assert.Equal([DisplayClaim.Claimed], await ledger.ClaimAsync(["failed"], default));

        Assert.Equal([DisplayClaim.Claimed], await ledger.ClaimAsync(["failed"], default));
        Assert.Equal([DisplayClaim.Held], await NewLedger().ClaimAsync(["failed"], default));
    }

    [Fact]
    public async Task Two_processes_claiming_the_same_keys_at_once_each_key_goes_to_one()
    {
        TableDisplayLedger[] processes = [NewLedger(), NewLedger()];
        string[] keys = [.. Enumerable.Range(0, 60).Select(i => $"raced-{i:x4}")];

        // Each process claims every key, in runs of 3, all at once.
        IReadOnlyList<DisplayClaim>[] answers = await Task.WhenAll(processes.SelectMany(p => keys.Chunk(3).Select(run => p.ClaimAsync(run, default).AsTask())));
        DisplayClaim[] first = [.. answers.Take(answers.Length / 2).SelectMany(a => a)];
        DisplayClaim[] second = [.. answers.Skip(answers.Length / 2).SelectMany(a => a)];

        Assert.All(first.Zip(second), pair => Assert.True(
            (pair.First, pair.Second) is (DisplayClaim.Claimed, DisplayClaim.Held) or (DisplayClaim.Held, DisplayClaim.Claimed),
            $"claims {pair.First} and {pair.Second}: each key must go to exactly one process"));
    }

    [Fact]
    public async Task A_group_printed_before_costs_two_table_calls_to_claim_again_and_one_mixed_with_new_keys_three()
    {
        var calls = new CallCounter();
        var options = new TableClientOptions();
        options.AddPolicy(calls, HttpPipelinePosition.PerRetry);
        var ledger = new TableDisplayLedger(new TableServiceClient(Azurite.ConnectionString, options), taskHub, TimeSpan.FromHours(24));
        string[] keys = [.. Enumerable.Range(0, 14).Select(i => $"replayed-{i:x4}")];
        await ledger.ClaimAsync(keys, default);
        await ledger.RecordAsync(keys, default);

        int before = calls.Count;
        Assert.All(await ledger.ClaimAsync(keys, default), claim => Assert.Equal(DisplayClaim.Printed, claim));
        Assert.Equal(2, calls.Count - before); // the transaction that conflicts, one query

        before = calls.Count;
        string[] mixed = [.. keys.Take(7), .. Enumerable.Range(0, 7).Select(i => $"new-{i:x4}")];
        Assert.Equal(mixed.Select(k => k.StartsWith("new", StringComparison.Ordinal) ? DisplayClaim.Claimed : DisplayClaim.Printed), await ledger.ClaimAsync(mixed, default));
        Assert.Equal(3, calls.Count - before); // and one transaction for the keys found absent
    }

    [Fact]
    public async Task Keys_older_than_the_retention_are_forgotten_and_younger_ones_kept()
    {
        // Seconds apart, so that a stall of Azurite (shared by the other tests) cannot age the young key past the retention.
        TableDisplayLedger ledger = NewLedger(retention: TimeSpan.FromSeconds(5));
        string[] old = [.. Enumerable.Range(0, 150).Select(i => $"old-{i:x4}")]; // more than a transaction
        await ledger.RecordAsync(old, default);
        await Task.Delay(TimeSpan.FromSeconds(6));
        await ledger.RecordAsync(["young"], default);

        Assert.Equal(150, await ledger.ForgetExpiredAsync(default));
        Assert.Equal([DisplayClaim.Claimed, DisplayClaim.Printed], await ledger.ClaimAsync(["old-0000", "young"], default));
    }

    private TableDisplayLedger NewLedger(TimeSpan? retention = null, TimeProvider? time = null) =>
        new(new TableServiceClient(Azurite.ConnectionString), taskHub, retention ?? TimeSpan.FromHours(24), time);

    /// <summary>Counts the requests a table client sends, retries included.</summary>
    private sealed class CallCounter : HttpPipelinePolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref count);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref count);
            return ProcessNextAsync(message, pipeline);
        }
    }

    public async Task InitializeAsync() => await Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await new TableClient(Azurite.ConnectionString, taskHub + TableDisplayLedger.TableSuffix).DeleteAsync();
}
