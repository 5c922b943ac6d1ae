using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>
/// Shared runs: a lone event runs alone at once; events that arrive while the target is busy wait
/// and start together when a slot frees; with a wait, events gather (see RunBatcherTests.Wait.cs); a
/// caller hears back once its run is scheduled.
/// </summary>
public sealed partial class RunBatcherTests : IAsyncDisposable
{
    private static readonly RunTarget Target = RunTarget.Sequence("seq");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly ManifestSet NoManifests = new([], [], [], [], [], []);

    // Well under the lease checks (a quarter of the 30 s lease): a freed slot starts the next run itself.
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    private readonly FakeDurableClient client = new();

    private static RunMember Member(string id) =>
        RunMember.Of(Target, new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "t" }, new RunEvent($$"""{"id":"{{id}}"}"""));

    private static (RunBatcher Batcher, InFlightRuns InFlight) Batcher(
        int maxEvents = 100, int maxInFlight = 1, double leaseSeconds = 30, int maxWaitMs = 0, TimeProvider? time = null, IAdmissionLedger? ledger = null)
    {
        var options = new BatchingOptions { MaxEvents = maxEvents, MaxInFlight = maxInFlight, Lease = TimeSpan.FromSeconds(leaseSeconds), MaxWait = TimeSpan.FromMilliseconds(maxWaitMs) };
        var inFlight = new InFlightRuns(options, time: time);
        var starter = new OrchestrationStarter(inFlight, NullLogger<OrchestrationStarter>.Instance);
        var admission = new RunAdmission(ledger ?? new InMemoryAdmissionLedger(TimeSpan.FromHours(24)), starter, NoManifests, TimeProvider.System, NullLogger<RunAdmission>.Instance);
        return (new RunBatcher(inFlight, options, admission, NoManifests, NullLogger<RunBatcher>.Instance, time), inFlight);
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private static SequenceRun InputOf((string Name, object? Input, string Id) run) => Assert.IsType<SequenceRun>(run.Input);

    /// <summary>A lone event's run, started at once: with a wait, the events after it gather.</summary>
    private async Task StartAloneAsync(RunBatcher batcher) =>
        Assert.Equal(Member("lone").Id, await batcher.AdmitAsync(client, Target, Member("lone"), default).WaitAsync(Soon));

    [Fact]
    public async Task A_lone_event_starts_at_once_as_its_own_run_with_its_own_id()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher();
        RunMember member = Member("a");

        string id = await batcher.AdmitAsync(client, Target, member, default);

        Assert.Equal(member.Id, id);
        (string name, _, string scheduledId) = Assert.Single(client.Scheduled);
        Assert.Equal((TaskNames.SequenceOrchestrator, member.Id), (name, scheduledId));
        Assert.Equal([member.Event], InputOf(client.Scheduled[0]).Events);
        Assert.Equal((1, 1), (inFlight.Runs, inFlight.Events));
    }

    [Fact]
    public async Task Events_that_arrive_while_the_target_is_busy_share_the_next_run_when_a_slot_frees()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxEvents: 2);
        string first = await batcher.AdmitAsync(client, Target, Member("a"), default);
        RunMember[] waiting = [Member("b"), Member("c"), Member("d")];
        Task<string>[] admitted = [.. waiting.Select(m => batcher.AdmitAsync(client, Target, m, default))];

        Assert.Equal(3, batcher.Queued);
        Assert.All(admitted, a => Assert.False(a.IsCompleted)); // answered only once their run is scheduled

        inFlight.Completed(first, null);
        string shared = await admitted[0].WaitAsync(Soon);

        Assert.Equal(InstanceIds.ForShared(Target, [waiting[0].Id, waiting[1].Id]), shared);
        Assert.Equal(shared, await admitted[1].WaitAsync(Patience));
        Assert.Equal([waiting[0].Event, waiting[1].Event], InputOf(client.Scheduled[1]).Events);
        Assert.False(admitted[2].IsCompleted); // at most MaxEvents per run; the next waits for the next slot

        inFlight.Completed(shared, null);
        Assert.Equal(waiting[2].Id, await admitted[2].WaitAsync(Soon)); // alone in its run: its own id
        Assert.Equal(0, batcher.Queued);
    }

    [Fact]
    public async Task An_event_accepted_already_is_not_run_again()
    {
        (RunBatcher batcher, _) = Batcher();
        RunMember member = Member("a");

        string first = await batcher.AdmitAsync(client, Target, member, default);
        string again = await batcher.AdmitAsync(client, Target, member, default);

        Assert.Equal(first, again);
        Assert.Single(client.Scheduled);
    }

    [Fact]
    public async Task When_scheduling_fails_the_callers_hear_it_the_slot_is_free_and_the_event_may_be_sent_again()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher();
        client.Failure = new InvalidOperationException("storage down");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.AdmitAsync(client, Target, Member("a"), default));
        Assert.Equal("storage down", error.Message);
        Assert.True(inFlight.TryTakeSlot(Target));
        inFlight.ReturnSlot(Target);

        client.Failure = null;
        Assert.Equal(Member("a").Id, await batcher.AdmitAsync(client, Target, Member("a"), default));
        Assert.Single(client.Scheduled);
    }

    [Fact]
    public async Task A_run_the_engine_knows_already_gives_its_slot_back()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher();
        await client.ScheduleNewOrchestrationInstanceAsync(TaskNames.SequenceOrchestrator, null, new Microsoft.DurableTask.StartOrchestrationOptions(Member("a").Id));

        Assert.Equal(Member("a").Id, await batcher.AdmitAsync(client, Target, Member("a"), default));

        Assert.Equal(0, inFlight.Runs);
        Assert.True(inFlight.TryTakeSlot(Target)); // the duplicate did not keep the only slot
    }

    [Fact]
    public async Task Queued_events_start_when_a_lease_runs_out_even_if_no_other_event_arrives()
    {
        var time = new FakeTimeProvider();
        DateTimeOffset start = time.GetUtcNow();
        (RunBatcher batcher, _) = Batcher(leaseSeconds: 30, time: time);
        await batcher.AdmitAsync(client, Target, Member("ended-elsewhere"), default);
        Task<string> next = batcher.AdmitAsync(client, Target, Member("b"), default);

        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.False(next.IsCompleted); // the lease still holds the only slot

        // The batcher looks every quarter lease (7.5 s): b starts at most that long after the lease ran out.
        // The clock stops soon after (a look armed a little late included), so a look that runs late on a busy machine is waited for, not overtaken.
        while (!next.IsCompleted && time.GetUtcNow() - start < TimeSpan.FromSeconds(40))
        {
            time.Advance(TimeSpan.FromSeconds(0.5));
            await Task.Delay(10);
        }

        Assert.Equal(Member("b").Id, await next.WaitAsync(Soon));
        Assert.InRange((time.GetUtcNow() - start).TotalSeconds, 30, 40);
    }

    [Fact]
    public async Task With_batching_off_every_event_runs_alone_and_never_waits()
    {
        (RunBatcher batcher, _) = Batcher(maxEvents: 1);

        string[] events = ["a", "b", "c"];
        string[] ids = await Task.WhenAll(events.Select(id => batcher.AdmitAsync(client, Target, Member(id), default)));

        Assert.Equal(events.Select(id => Member(id).Id), ids);
        Assert.Equal(0, batcher.Queued);
    }

    [Fact]
    public async Task Events_from_inside_the_pipeline_start_one_run_at_once_with_an_id_derived_from_them()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher();
        await batcher.AdmitAsync(client, Target, Member("busy"), default); // the only slot is taken

        RunMember[] members = [Member("x"), Member("y")];
        string id = await batcher.StartNowAsync(client, Target, members, default);
        string again = await batcher.StartNowAsync(client, Target, members, default); // the activity replayed

        Assert.Equal(InstanceIds.ForShared(Target, members.Select(m => m.Id)), id);
        Assert.Equal(id, again);
        Assert.Equal(2, client.Scheduled.Count);
        Assert.Equal(2, inFlight.Runs);
    }

    [Fact]
    public async Task A_repeat_is_recognised_here_as_long_as_the_ledger_recognises_it_and_runs_again_after()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, _) = Batcher(maxInFlight: 4, time: time, ledger: new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time));
        string id = await batcher.AdmitAsync(client, Target, Member("a"), default);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(id, await batcher.AdmitAsync(client, Target, Member("a"), default).WaitAsync(Soon));
        Assert.Single(client.Scheduled);

        time.Advance(TimeSpan.FromMinutes(2));
        client.Forget(id); // purged once finished, as the purger does after the window
        Assert.Equal(id, await batcher.AdmitAsync(client, Target, Member("a"), default).WaitAsync(Soon));
        Assert.Equal(2, client.Scheduled.Count); // as on an instance that never saw it
    }

    [Fact]
    public async Task A_repeat_of_an_event_still_waiting_for_its_run_hears_that_runs_fate_not_an_early_yes()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, _) = Batcher(maxInFlight: 4, maxWaitMs: 250, time: time);
        await StartAloneAsync(batcher);
        Task<string> first = batcher.AdmitAsync(client, Target, Member("a"), default);
        Task<string> repeat = batcher.AdmitAsync(client, Target, Member("a"), default); // the sender timed out and sent it again

        await Task.Delay(100);
        Assert.False(repeat.IsCompleted); // not answered before the event is scheduled
        client.Failure = new InvalidOperationException("storage down");
        time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal("storage down", (await Assert.ThrowsAsync<InvalidOperationException>(() => repeat.WaitAsync(Soon))).Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(Soon));

        client.Failure = null;
        Task<string> again = batcher.AdmitAsync(client, Target, Member("a"), default); // nothing was accepted: a third try runs
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(Member("a").Id, await again.WaitAsync(Soon));
        Assert.Equal(2, client.Scheduled.Count); // the lone run and this one
    }

    [Fact]
    public async Task A_repeat_of_an_event_waiting_in_a_shared_run_gets_that_runs_id_and_later_repeats_are_answered_at_once()
    {
        var time = new FakeTimeProvider();
        (RunBatcher batcher, _) = Batcher(maxInFlight: 4, maxWaitMs: 250, time: time);
        await StartAloneAsync(batcher);
        Task<string>[] first = [batcher.AdmitAsync(client, Target, Member("a"), default), batcher.AdmitAsync(client, Target, Member("b"), default)];
        Task<string> repeat = batcher.AdmitAsync(client, Target, Member("a"), default);

        time.Advance(TimeSpan.FromMilliseconds(250));
        string shared = await first[0].WaitAsync(Soon);

        Assert.Equal(InstanceIds.ForShared(Target, [Member("a").Id, Member("b").Id]), shared);
        Assert.Equal(shared, await repeat.WaitAsync(Soon));
        Task<string> later = batcher.AdmitAsync(client, Target, Member("a"), default);
        Assert.True(later.IsCompleted); // no longer pending: known as accepted, nothing to wait for
        Assert.Equal(2, client.Scheduled.Count);
        Assert.Equal(0, batcher.Queued);
    }
}
