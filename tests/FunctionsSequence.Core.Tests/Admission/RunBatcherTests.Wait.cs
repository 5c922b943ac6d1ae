using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>
/// With a wait: a lone event after a quiet spell starts at once; the events after a run started
/// gather until the oldest has waited the wait or the last run started that long ago, unless the
/// run is full.
/// </summary>
public sealed partial class RunBatcherTests
{
    [Fact]
    public async Task With_a_wait_events_gather_and_start_together_once_the_oldest_has_waited_it()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxInFlight: 4, maxWaitMs: 250, time: time);
        await StartAloneAsync(batcher);
        RunMember[] members = [Member("a"), Member("b")];
        Task<string> first = batcher.AdmitAsync(client, Target, members[0], default);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Task<string> second = batcher.AdmitAsync(client, Target, members[1], default);

        time.Advance(TimeSpan.FromMilliseconds(149));
        await Task.Delay(100); // a run started too early would be scheduled by now
        Assert.Single(client.Scheduled); // slots are free, yet the first event has waited only 249 ms
        Assert.Equal(2, batcher.Queued);

        time.Advance(TimeSpan.FromMilliseconds(1));
        string shared = await first.WaitAsync(Soon);

        Assert.Equal(InstanceIds.ForShared(Target, members.Select(m => m.Id)), shared);
        Assert.Equal(shared, await second.WaitAsync(Patience));
        Assert.Equal(2, client.Scheduled.Count);
        Assert.Equal(members.Select(m => m.Event), InputOf(client.Scheduled[1]).Events);
        Assert.Equal((2, 3), (inFlight.Runs, inFlight.Events));
    }

    [Fact]
    public async Task With_a_wait_a_lone_event_after_a_quiet_spell_starts_at_once_and_the_next_run_a_wait_after_it()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, _) = Batcher(maxInFlight: 4, maxWaitMs: 250, time: time);
        await StartAloneAsync(batcher); // no time has passed: nothing started before it

        time.Advance(TimeSpan.FromMilliseconds(200));
        Task<string> late = batcher.AdmitAsync(client, Target, Member("a"), default);
        time.Advance(TimeSpan.FromMilliseconds(49));
        await Task.Delay(100);
        Assert.False(late.IsCompleted); // the last run started 249 ms ago
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Member("a").Id, await late.WaitAsync(Soon)); // 250 ms after that start, though it waited only 50

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Member("b").Id, await batcher.AdmitAsync(client, Target, Member("b"), default).WaitAsync(Soon)); // quiet again: at once
        Assert.Equal(3, client.Scheduled.Count);
    }

    [Fact]
    public async Task With_a_wait_a_full_run_starts_at_once_and_the_rest_wait_the_wait()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, _) = Batcher(maxEvents: 2, maxInFlight: 4, maxWaitMs: 5_000, time: time);
        await StartAloneAsync(batcher);
        Task<string>[] admitted = [.. new[] { "a", "b", "c" }.Select(id => batcher.AdmitAsync(client, Target, Member(id), default))];

        await Task.WhenAll(admitted[0], admitted[1]).WaitAsync(Soon); // no time has passed: the run was full
        Assert.False(admitted[2].IsCompleted);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Member("c").Id, await admitted[2].WaitAsync(Soon));
        Assert.Equal(3, client.Scheduled.Count);
    }

    [Fact]
    public async Task A_wait_is_not_held_up_by_a_lease_check_armed_before_it()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxInFlight: 1, maxWaitMs: 250, time: time);
        string first = await batcher.AdmitAsync(client, Target, Member("a"), default).WaitAsync(Soon); // a lone event: at once
        Task<string> b = batcher.AdmitAsync(client, Target, Member("b"), default);
        time.Advance(TimeSpan.FromMilliseconds(250)); // b may start, but the only slot is busy: a lease check is armed (7.5 s)
        await Task.Delay(100);
        Assert.False(b.IsCompleted);

        inFlight.Completed(first, null);
        string second = await b.WaitAsync(Soon);
        Task<string> c = batcher.AdmitAsync(client, Target, Member("c"), default);
        inFlight.Completed(second, null);
        time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(Member("c").Id, await c.WaitAsync(Soon)); // 250 ms after b's run started, not the lease check's 7.5 s
    }

    [Fact]
    public async Task With_a_wait_an_event_left_over_from_a_full_run_waits_from_its_own_arrival_not_from_that_runs_start()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxEvents: 2, maxInFlight: 2, maxWaitMs: 250, time: time);
        await StartAloneAsync(batcher);
        string full = (await batcher.AdmitAsync(client, Target, [Member("x"), Member("y")], default).WaitAsync(Soon))[0]; // full: at once, the second slot
        Task<string>[] queued = [.. new[] { "a", "b", "c" }.Select(id => batcher.AdmitAsync(client, Target, Member(id), default))];

        time.Advance(TimeSpan.FromMilliseconds(100));
        inFlight.Completed(full, null);
        await Task.WhenAll(queued[0], queued[1]).WaitAsync(Soon); // a full run as soon as a slot frees
        inFlight.Completed(Member("lone").Id, null);

        time.Advance(TimeSpan.FromMilliseconds(149));
        await Task.Delay(100);
        Assert.False(queued[2].IsCompleted); // c has waited 249 ms
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Member("c").Id, await queued[2].WaitAsync(Soon)); // 250 ms after it came, 150 after the last run started
    }

    [Fact]
    public async Task With_a_wait_a_run_whose_start_failed_does_not_hold_the_next_lone_event()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, _) = Batcher(maxInFlight: 4, maxWaitMs: 5_000, time: time);
        client.Failure = new InvalidOperationException("storage down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.AdmitAsync(client, Target, Member("a"), default).WaitAsync(Soon));

        client.Failure = null;
        Assert.Equal(Member("b").Id, await batcher.AdmitAsync(client, Target, Member("b"), default).WaitAsync(Soon)); // nothing started: b is still lone
    }
}
