using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Admission;

public sealed class InstancePurgerTests : IAsyncDisposable
{
    private readonly ManualTime time = new();
    private readonly FakeDurableClient client = new();

    public ValueTask DisposeAsync() => client.DisposeAsync();

    [Fact]
    public async Task Purges_only_runs_that_completed_before_the_retention_and_forgets_expired_claims_now_and_then()
    {
        var ledger = new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time);
        await ledger.ClaimAsync(RunTarget.Sequence("s"), ["old"], "run", default);
        var purger = new InstancePurger(TimeSpan.FromHours(2), ledger, new InMemoryDisplayLedger(), time, NullLogger<InstancePurger>.Instance);
        time.Now += TimeSpan.FromHours(1);

        Assert.Equal(3, await purger.PurgeAsync(client, default));

        PurgeInstancesFilter filter = Assert.Single(client.Purges);
        Assert.Equal([OrchestrationRuntimeStatus.Completed], filter.Statuses); // failed runs stay for inspection; running ones are never touched
        Assert.Equal(time.Now - TimeSpan.FromHours(2), filter.CreatedTo);
        Assert.Null(await ledger.GetAsync(RunTarget.Sequence("s"), "old", default));

    }

    [Fact]
    public async Task A_storage_call_that_times_out_is_a_failure_for_the_next_call_to_try_again_not_a_stop()
    {
        // The Azure SDK reports a request its own timeout cut short as a TaskCanceledException; the caller's token is not cancelled.
        var purger = new InstancePurger(TimeSpan.FromHours(2), new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time), new InMemoryDisplayLedger(), time, NullLogger<InstancePurger>.Instance);
        client.PurgeFailure = new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout");

        Assert.Null(await purger.PurgeAsync(client, default));

        client.PurgeFailure = null;
        Assert.Equal(3, await purger.PurgeAsync(client, default));
    }

    [Fact]
    public async Task A_stop_ends_the_purge()
    {
        var purger = new InstancePurger(TimeSpan.FromHours(2), new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time), new InMemoryDisplayLedger(), time, NullLogger<InstancePurger>.Instance);
        client.PurgeFailure = new OperationCanceledException();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => purger.PurgeAsync(client, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Cleans_the_ledgers_at_most_every_ten_minutes_while_purging_runs_on_every_call()
    {
        var ledger = new CountingLedger(new InMemoryAdmissionLedger(TimeSpan.FromMinutes(1), time));
        var displayed = new CountingDisplayLedger();
        var purger = new InstancePurger(TimeSpan.FromHours(2), ledger, displayed, time, NullLogger<InstancePurger>.Instance);

        await purger.PurgeAsync(client, default);
        time.Now += TimeSpan.FromMinutes(5);
        await purger.PurgeAsync(client, default);
        time.Now += InstancePurger.LedgerEvery;
        await purger.PurgeAsync(client, default);

        Assert.Equal(3, client.Purges.Count);
        Assert.Equal((2, 2), (ledger.Cleanups, displayed.Cleanups)); // the display ledger on the same timer
    }

    [Fact]
    public async Task Keeping_at_most_a_number_purges_the_finished_runs_started_before_the_newest_ones_however_young_without_reading_the_runs()
    {
        var starts = new NewestRunStarts(3);
        var purger = new InstancePurger(TimeSpan.FromHours(1), new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time), new InMemoryDisplayLedger(), time, NullLogger<InstancePurger>.Instance, starts);
        for (int i = 0; i < 5; i++)
        {
            starts.Add(time.Now.AddSeconds(i - 10));
        }

        await purger.PurgeAsync(client, default);

        // The three newest (started 8, 7 and 6 s ago) stay; the newest beyond them and all before go.
        Assert.Equal(time.Now.AddSeconds(-9), Assert.Single(client.Purges).CreatedTo);
        Assert.Equal([OrchestrationRuntimeStatus.Completed], client.Purges[0].Statuses);
        Assert.Empty(client.Queries); // the in-memory engine answers a query with every run's input and output
    }

    [Fact]
    public async Task Keeping_at_most_a_number_purges_by_age_alone_while_fewer_started()
    {
        var starts = new NewestRunStarts(3);
        var purger = new InstancePurger(TimeSpan.FromHours(1), new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time), new InMemoryDisplayLedger(), time, NullLogger<InstancePurger>.Instance, starts);
        for (int i = 0; i < 3; i++)
        {
            starts.Add(time.Now.AddSeconds(-i));
        }

        await purger.PurgeAsync(client, default);

        Assert.Equal(time.Now - TimeSpan.FromHours(1), Assert.Single(client.Purges).CreatedTo);
    }

    [Fact]
    public async Task Keeping_at_most_a_number_keeps_no_finished_run_past_the_age_bound()
    {
        // Runs that started more than an hour ago are purged by age whatever the count says.
        var starts = new NewestRunStarts(1);
        var purger = new InstancePurger(TimeSpan.FromHours(1), new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time), new InMemoryDisplayLedger(), time, NullLogger<InstancePurger>.Instance, starts);
        starts.Add(time.Now.AddHours(-3));
        starts.Add(time.Now.AddHours(-2));

        await purger.PurgeAsync(client, default);

        Assert.Equal(time.Now - TimeSpan.FromHours(1), Assert.Single(client.Purges).CreatedTo);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(NewestRunStarts.MostKept + 1)]
    [InlineData(int.MaxValue)]
    public void A_count_outside_what_the_ring_holds_is_refused(int keep) =>
        Assert.Throws<ArgumentOutOfRangeException>(nameof(keep), () => new NewestRunStarts(keep));

    [Fact]
    public void The_most_runs_kept_are_kept()
    {
        var starts = new NewestRunStarts(NewestRunStarts.MostKept);
        for (int i = 0; i <= NewestRunStarts.MostKept; i++)
        {
            Assert.Null(starts.NewestBeyond());
            starts.Add(time.Now.AddSeconds(i));
        }

        Assert.Equal(time.Now, starts.NewestBeyond());
    }

    /// <summary>Counts the cleanups asked of a display ledger.</summary>
    private sealed class CountingDisplayLedger : IDisplayLedger
    {
        private readonly InMemoryDisplayLedger inner = new();

        public int Cleanups { get; private set; }

        public ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.ClaimAsync(keys, cancellationToken);

        public ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.RecordAsync(keys, cancellationToken);

        public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
        {
            Cleanups++;
            return inner.ForgetExpiredAsync(cancellationToken);
        }
    }

    /// <summary>Counts the cleanups asked of a ledger.</summary>
    private sealed class CountingLedger(IAdmissionLedger inner) : DelegatingLedger(inner)
    {
        public int Cleanups { get; private set; }

        public override Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
        {
            Cleanups++;
            return base.ForgetExpiredAsync(cancellationToken);
        }
    }
}
