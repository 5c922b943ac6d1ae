using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Admission;

public sealed class InFlightRunsTests
{
    private static readonly RunTarget A = RunTarget.Sequence("a");
    private static readonly RunTarget B = RunTarget.Trigger("a");

    private readonly ManualTime time = new();
    private readonly List<RunTarget> freed = [];

    private InFlightRuns Runs(int inFlight = 2, TimeSpan? forgetAfter = null)
    {
        var runs = new InFlightRuns(new BatchingOptions { MaxInFlight = inFlight, Lease = TimeSpan.FromSeconds(10) }, forgetAfter, time);
        runs.Freed += freed.Add;
        return runs;
    }

    [Fact]
    public void Each_target_has_its_own_slots()
    {
        InFlightRuns runs = Runs();

        Assert.True(runs.TryTakeSlot(A));
        Assert.True(runs.TryTakeSlot(A));
        Assert.False(runs.TryTakeSlot(A));
        Assert.True(runs.TryTakeSlot(B)); // a Trigger named like a Sequence is another target
    }

    [Fact]
    public void A_run_that_ends_frees_its_slot_says_so_and_no_longer_counts()
    {
        InFlightRuns runs = Runs(inFlight: 1);
        Assert.True(runs.TryTakeSlot(A));
        runs.Started("run-1", 3, A);
        Assert.Equal((1, 3), (runs.Runs, runs.Events));

        runs.Completed("run-1", failure: null);

        Assert.Equal([A], freed);
        Assert.True(runs.TryTakeSlot(A));
        Assert.Equal((0, 0), (runs.Runs, runs.Events));
    }

    [Fact]
    public void A_run_that_ends_before_its_start_is_reported_still_frees_its_slot_and_never_counts()
    {
        InFlightRuns runs = Runs(inFlight: 1);
        Assert.True(runs.TryTakeSlot(A));

        runs.Completed("run-1", failure: "it failed");
        runs.Started("run-1", 1, A);

        Assert.True(runs.TryTakeSlot(A));
        Assert.Equal(0, runs.Runs);
        Assert.Equal(["run-1: it failed"], runs.Failures);
    }

    [Fact]
    public void A_failed_run_whose_end_is_reported_again_counts_one_failure()
    {
        InFlightRuns runs = Runs(inFlight: 1);
        Assert.True(runs.TryTakeSlot(A));
        runs.Started("run-1", 1, A);

        // The engine ran the last episode again (its first commit was lost), which reports the end again.
        runs.Completed("run-1", failure: "it failed");
        runs.Completed("run-1", failure: "it failed");

        Assert.Equal(0, runs.Runs);
        Assert.Equal(1, runs.FailureCount);
        Assert.Equal(["run-1: it failed"], runs.Failures);
    }

    [Fact]
    public void Only_the_newest_failures_are_kept_and_all_are_counted()
    {
        InFlightRuns runs = Runs(inFlight: 1);

        for (int i = 0; i < InFlightRuns.KeptFailures + 50; i++)
        {
            runs.Completed($"run-{i}", failure: "it failed");
        }

        runs.Failed("Source s", new InvalidOperationException("no sink"));

        Assert.Equal(InFlightRuns.KeptFailures + 51, runs.FailureCount);
        Assert.Equal(InFlightRuns.KeptFailures, runs.Failures.Count);
        Assert.Equal("run-51: it failed", runs.Failures.First());
        Assert.Equal("Source s: no sink", runs.Failures.Last());
    }

    [Fact]
    public void A_run_whose_end_is_never_seen_frees_its_slot_when_its_lease_runs_out_yet_counts_until_its_end()
    {
        InFlightRuns runs = Runs(inFlight: 1);
        Assert.True(runs.TryTakeSlot(A));
        runs.Started("long", 1, A);

        time.Now += TimeSpan.FromSeconds(9);
        Assert.False(runs.TryTakeSlot(A));
        time.Now += TimeSpan.FromSeconds(1);
        Assert.True(runs.TryTakeSlot(A));
        Assert.Equal(1, runs.Runs); // --once still waits for it

        runs.Completed("long", null);
        Assert.Equal(0, runs.Runs);
        Assert.Equal(0, runs.Events);
    }

    [Fact]
    public void With_forget_after_a_run_whose_end_is_never_seen_stops_counting()
    {
        InFlightRuns runs = Runs(inFlight: 1, forgetAfter: TimeSpan.FromSeconds(30));
        Assert.True(runs.TryTakeSlot(A));
        runs.Started("ended-elsewhere", 5, A);
        runs.Started("lone", 1, slotOf: null);

        time.Now += TimeSpan.FromSeconds(29);
        Assert.Equal(6, runs.Events);
        time.Now += TimeSpan.FromSeconds(1);

        Assert.Equal((0, 0), (runs.Runs, runs.Events));
        Assert.True(runs.TryTakeSlot(A));
        runs.Completed("ended-elsewhere", null); // seen after all: its slot is not given back twice
        Assert.False(runs.TryTakeSlot(A));
        Assert.Equal(0, runs.Events);
    }

    [Fact]
    public void Leases_end_in_start_order_even_when_earlier_runs_ended()
    {
        InFlightRuns runs = Runs(inFlight: 2);
        Assert.True(runs.TryTakeSlot(A));
        runs.Started("first", 1, A);
        time.Now += TimeSpan.FromSeconds(5);
        Assert.True(runs.TryTakeSlot(A));
        runs.Started("second", 1, A);
        runs.Completed("first", null);

        time.Now += TimeSpan.FromSeconds(6); // first's lease would be over; second's is not
        Assert.True(runs.TryTakeSlot(A));
        Assert.False(runs.TryTakeSlot(A));
    }

    [Fact]
    public void A_slot_given_back_frees_it()
    {
        InFlightRuns runs = Runs(inFlight: 1);
        Assert.True(runs.TryTakeSlot(A));

        runs.ReturnSlot(A);

        Assert.True(runs.TryTakeSlot(A));
        Assert.Equal([A], freed);
    }

    [Fact]
    public async Task Settling_waits_for_the_last_run()
    {
        InFlightRuns runs = new(new BatchingOptions());
        runs.Started("r", 1, null);
        Task<bool> settled = runs.WaitForSettledAsync(TimeSpan.FromSeconds(10), default);
        await Task.Delay(100);
        Assert.False(settled.IsCompleted);

        runs.Completed("r", null);

        Assert.True(await settled);
    }

    [Theory]
    [InlineData(0, 4, 0, 30, "MaxEvents")]
    [InlineData(100, 0, 0, 30, "MaxInFlight")]
    [InlineData(100, 4, -1, 30, "MaxWait")]
    [InlineData(100, 4, 10_001, 30, "MaxWait")]
    [InlineData(100, 4, 0, 0, "Lease")]
    [InlineData(100, 4, 0, 86_401, "Lease")]
    public void Options_that_cannot_work_are_refused_by_name(int maxEvents, int maxInFlight, int maxWaitMs, int leaseSeconds, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchingOptions
        {
            MaxEvents = maxEvents,
            MaxInFlight = maxInFlight,
            MaxWait = TimeSpan.FromMilliseconds(maxWaitMs),
            Lease = TimeSpan.FromSeconds(leaseSeconds),
        }.Validate());

        Assert.Equal(name, error.ParamName);
    }
}
