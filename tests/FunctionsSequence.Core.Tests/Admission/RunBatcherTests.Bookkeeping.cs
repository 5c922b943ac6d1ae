using FunctionsSequence.Core.Admission;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>
/// Whatever becomes of a run (it succeeds, fails, its caller stops waiting, its start throws), once
/// it is settled nothing of it is left in the batcher or the slots: no event pending or queued, no
/// slot held but by a run in flight, no run or event counted that has ended.
/// </summary>
public sealed partial class RunBatcherTests
{
    /// <summary>Nothing waits in the batcher, and exactly the runs in flight (each holding a slot) are counted.</summary>
    private static void AssertSettled(RunBatcher batcher, InFlightRuns inFlight, int runs, int events)
    {
        Assert.Equal((0, 0), (batcher.Pending, batcher.Queued));
        Assert.Equal((runs, events, runs), (inFlight.Runs, inFlight.Events, inFlight.SlotsTaken(Target)));
    }

    private Task<string>[] AdmitAll(RunBatcher batcher, params string[] ids) =>
        [.. ids.Select(id => batcher.AdmitAsync(client, Target, Member(id), default))];

    [Theory]
    [InlineData(100)]
    [InlineData(1)] // a run per event, which takes no slot
    public async Task Events_whose_run_is_being_started_still_count_for_back_pressure(int maxEvents)
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxEvents: maxEvents);
        var throttle = new InFlightThrottle(inFlight, batcher, maxEvents: 2);
        client.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.Null(throttle.RetryAfter(2));
        Task<string[]> starting = batcher.AdmitAsync(client, Target, [Member("a"), Member("b")], default);
        throttle.Entered(2); // as ingress does once the start is called

        Assert.Equal((0, 2), (inFlight.Events, batcher.Queued));
        Assert.NotNull(throttle.RetryAfter(1));

        client.Hold.SetResult();
        await starting.WaitAsync(Soon);
        Assert.Equal((2, 0), (inFlight.Events, batcher.Queued));
        Assert.NotNull(throttle.RetryAfter(1));
    }

    [Fact]
    public async Task A_freed_slot_starts_the_next_run_off_the_thread_of_the_run_that_ended()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher();
        string first = await batcher.AdmitAsync(client, Target, Member("a"), default);
        Task<string> next = batcher.AdmitAsync(client, Target, Member("b"), default);

        int ending = Environment.CurrentManagedThreadId; // an orchestration's last episode reports its end here
        inFlight.Completed(first, null);
        await next.WaitAsync(Soon);

        Assert.Equal(2, client.ScheduleThreads.Count);
        Assert.NotEqual(ending, client.ScheduleThreads.Last());
    }

    [Fact]
    public async Task Runs_that_succeed_alone_or_shared_leave_nothing_behind()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxEvents: 2);
        string alone = await batcher.AdmitAsync(client, Target, Member("a"), default);
        AssertSettled(batcher, inFlight, runs: 1, events: 1);
        Task<string>[] waiting = AdmitAll(batcher, "b", "c");
        Assert.Equal((2, 2), (batcher.Pending, batcher.Queued));

        inFlight.Completed(alone, null);
        string shared = await waiting[0].WaitAsync(Soon);
        await waiting[1].WaitAsync(Patience);
        AssertSettled(batcher, inFlight, runs: 1, events: 2);

        inFlight.Completed(shared, null);
        AssertSettled(batcher, inFlight, runs: 0, events: 0);
    }

    [Fact]
    public async Task A_run_that_fails_leaves_its_failure_and_nothing_else()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher();
        string failing = await batcher.AdmitAsync(client, Target, Member("a"), default);
        Task<string> next = batcher.AdmitAsync(client, Target, Member("b"), default);

        inFlight.Completed(failing, "step s answered 500");
        string run = await next.WaitAsync(Soon); // the failed run's slot went to the next
        AssertSettled(batcher, inFlight, runs: 1, events: 1);

        inFlight.Completed(run, null);
        AssertSettled(batcher, inFlight, runs: 0, events: 0);
        Assert.Equal([$"{failing}: step s answered 500"], inFlight.Failures);
    }

    [Fact]
    public async Task An_event_whose_callers_stop_waiting_still_runs_and_then_leaves_nothing_behind()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher();
        string busy = await batcher.AdmitAsync(client, Target, Member("busy"), default);
        using var gaveUp = new CancellationTokenSource();
        Task<string> waiting = batcher.AdmitAsync(client, Target, Member("a"), gaveUp.Token);
        Task<string> repeat = batcher.AdmitAsync(client, Target, Member("a"), gaveUp.Token); // the sender's retry, waiting for the same run

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => repeat);
        Assert.Equal((1, 1), (batcher.Pending, batcher.Queued)); // accepted, so it runs: a copy sent later is not run twice

        inFlight.Completed(busy, null);
        string run = await batcher.AdmitAsync(client, Target, Member("a"), default).WaitAsync(Soon); // a copy hears its run
        Assert.Equal(Member("a").Id, run);
        AssertSettled(batcher, inFlight, runs: 1, events: 1);

        inFlight.Completed(run, null);
        AssertSettled(batcher, inFlight, runs: 0, events: 0);
        Assert.Equal(2, client.Scheduled.Count);
    }

    [Fact]
    public async Task A_run_whose_scheduling_fails_leaves_nothing_behind_by_the_time_its_callers_hear()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxEvents: 2);
        string busy = await batcher.AdmitAsync(client, Target, Member("busy"), default);
        Task<string>[] waiting = AdmitAll(batcher, "a", "b");
        client.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // the failure comes on another thread, as storage's would
        client.Failure = new InvalidOperationException("storage down");
        inFlight.Completed(busy, null);

        client.Hold.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiting[0].WaitAsync(Soon));
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiting[1].WaitAsync(Soon));
        AssertSettled(batcher, inFlight, runs: 0, events: 0);

        (client.Hold, client.Failure) = (null, null);
        Assert.Equal(Member("a").Id, await batcher.AdmitAsync(client, Target, Member("a"), default)); // forgotten: sent again, it runs
        AssertSettled(batcher, inFlight, runs: 1, events: 1);
    }

    [Fact]
    public async Task A_run_scheduled_whose_claims_cannot_be_confirmed_counts_as_started_and_holds_its_slot_until_it_ends()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(ledger: new UnconfirmedLedger(new InMemoryAdmissionLedger(TimeSpan.FromHours(24))));

        string run = await batcher.AdmitAsync(client, Target, Member("a"), default);

        Assert.Equal(Member("a").Id, run); // its sender hears it is scheduled, not an error that makes it send again
        AssertSettled(batcher, inFlight, runs: 1, events: 1); // the slot stays with the run, not given back as if none had started
        inFlight.Completed(run, null);
        AssertSettled(batcher, inFlight, runs: 0, events: 0);
    }
}
