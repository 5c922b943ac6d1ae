using FunctionsSequence.Core.Admission;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>
/// The events of one request (a batch-mode POST, an Event Grid delivery) queue together: into an
/// idle target they start as one run, not as a run per free slot with the rest waiting for one to end.
/// </summary>
public sealed partial class RunBatcherTests
{
    [Fact]
    public async Task The_events_of_one_request_into_an_idle_target_start_as_one_run()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxInFlight: 4);

        string[] runs = await batcher.AdmitAsync(client, Target, [.. new[] { "a", "b", "c", "d", "e" }.Select(Member)], default);

        var run = Assert.Single(client.Scheduled);
        Assert.Equal(5, InputOf(run).Events.Count);
        Assert.All(runs, id => Assert.Equal(run.Id, id));
        AssertSettled(batcher, inFlight, runs: 1, events: 5);
    }

    [Fact]
    public async Task A_request_of_more_events_than_a_run_takes_fills_runs_while_slots_are_free()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxEvents: 3, maxInFlight: 4);

        await batcher.AdmitAsync(client, Target, [.. Enumerable.Range(0, 7).Select(i => Member($"e{i}"))], default);

        Assert.Equal([3, 3, 1], client.Scheduled.Select(r => InputOf(r).Events.Count));
        AssertSettled(batcher, inFlight, runs: 3, events: 7);
    }

    [Fact]
    public async Task An_event_twice_in_one_request_goes_into_the_run_once_and_both_copies_hear_of_it()
    {
        (RunBatcher batcher, InFlightRuns inFlight) = Batcher(maxInFlight: 4);

        string[] runs = await batcher.AdmitAsync(client, Target, [Member("a"), Member("b"), Member("a")], default);

        var run = Assert.Single(client.Scheduled);
        Assert.Equal([Member("a").Event, Member("b").Event], InputOf(run).Events);
        Assert.Equal([run.Id, run.Id, run.Id], runs);
        AssertSettled(batcher, inFlight, runs: 1, events: 2);
    }
}
