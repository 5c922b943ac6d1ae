using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Parallels;

/// <summary>
/// A Parallel as an orchestration, for a run of one or more events: every event goes down every
/// branch at once. A branch's filter has one attempt per event and passes the event it answers
/// with; no answer or a failure drops the event from that branch only. Passing events go to the
/// branch's subscriber, retried per the branch's <c>delivery</c>, and its answers to the branch's
/// reply, else the Parallel's. One branch failing does not hold back the others; the run fails,
/// once every branch is done, when an event failed a subscriber for good with no dead-letter sink.
/// </summary>
public static partial class ParallelOrchestration
{
    /// <summary>Sends <paramref name="run"/>'s events down every branch of its Parallel.</summary>
    public static async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, ParallelRun run, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(manifests);
        ParallelResource parallel = manifests.RequireParallel(run.Parallel);
        var hops = new DurableFlowHops(context, "FunctionsSequence.Parallel");
        RunTarget target = RunTarget.Parallel(parallel.Name);
        FlowMetrics.RunStarted(context.IsReplaying, target, run.Events.Count);
        RunOutcome outcome = await RunAsync(manifests, run, hops);
        FlowMetrics.RunEnded(context.IsReplaying, target, outcome);
        return ThrowIfFailed(parallel, run, outcome);
    }

    /// <summary>Fails the run when a delivery failed for good; a run of every branch counts each event once per branch, and says so.</summary>
    public static RunOutcome ThrowIfFailed(ParallelResource parallel, ParallelRun run, RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(parallel);
        ArgumentNullException.ThrowIfNull(run);
        return DeliveryFailedException.ThrowIfFailed(
            outcome, $"of Parallel {parallel.Name}", run.Branch is { } branch ? $"event(s) down branch {branch}" : $"deliveries ({run.Events.Count} event(s) down {parallel.Branches.Count} branch(es))");
    }

    /// <summary>The branches of <paramref name="run"/> on <paramref name="hops"/>; an event counts once per branch.</summary>
    public static async Task<RunOutcome> RunAsync(ManifestSet manifests, ParallelRun run, IFlowHops hops)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(hops);
        ParallelResource parallel = manifests.RequireParallel(run.Parallel);
        if (run.Branch is int only)
        {
            var redriven = new RunTally(run.Events.Count).Tracking(run.Events);
            await SubscriberAsync(manifests, parallel, only, run.Events, hops, redriven);
            return redriven.Outcome();
        }

        var tally = new RunTally(run.Events.Count * parallel.Branches.Count).Tracking(run.Events);
        await Task.WhenAll(parallel.Branches.Select((branch, i) => BranchAsync(manifests, parallel, i, run.Events, hops, tally)));
        return tally.Outcome();
    }

    private static async Task BranchAsync(ManifestSet manifests, ParallelResource parallel, int index, IReadOnlyList<RunEvent> events, IFlowHops hops, RunTally tally)
    {
        IReadOnlyList<RunEvent> passing = parallel.Branches[index].Filter is null
            ? events
            : await FilterAsync(Hop.Filter(parallel.Name, index), manifests, events, hops, tally);
        if (passing.Count > 0)
        {
            await SubscriberAsync(manifests, parallel, index, passing, hops, tally);
        }
    }

    private static Task SubscriberAsync(ManifestSet manifests, ParallelResource parallel, int index, IReadOnlyList<RunEvent> events, IFlowHops hops, RunTally tally)
    {
        Hop subscriber = Hop.Branch(parallel.Name, index);
        return new HopDelivery(subscriber, manifests, hops, tally, next: null).RunAsync(events);
    }

    /// <summary>The events the filter passes, each as the filter answered it; the others are counted as ended.</summary>
    private static async Task<IReadOnlyList<RunEvent>> FilterAsync(Hop filter, ManifestSet manifests, IReadOnlyList<RunEvent> events, IFlowHops hops, RunTally tally)
    {
        DateTime started = hops.UtcNow;
        DeliveryResult[] results = await hops.RunStepAsync(new StepInput(filter, events));
        tally.Attempted(
            hops,
            manifests.Describe(filter),
            1,
            started,
            events,
            events.Zip(results).Where(pair => !pair.Second.Succeeded).Select(pair => (pair.First, pair.Second, HopFate.Dropped, (string?)null)));
        var passing = new List<RunEvent>(events.Count);
        for (int i = 0; i < events.Count; i++)
        {
            if (results[i] is { Succeeded: true, Reply: { } answer })
            {
                RunEvent passed = events[i] with { Event = answer };
                tally.Carried(events[i], passed);
                passing.Add(passed);
            }
            else
            {
                tally.EndedEarly();
                if (!results[i].Succeeded)
                {
                    string? id = CloudEventJson.ReadId(events[i].Event.Json);
                    LogFilterFailed(hops.Logger, filter, results[i].StatusCode, results[i].Error, id);
                }
            }
        }

        return passing;
    }

    private static void LogFilterFailed(ILogger logger, Hop filter, int status, string? error, string? eventId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            string shown = DeliveryLog.Status(status);
            LogFilterFailed(logger, filter, shown, error, eventId);
        }
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "{Filter} failed ({Status}: {Error}): event {EventId} does not take this branch")]
    private static partial void LogFilterFailed(ILogger logger, Hop filter, string status, string? error, string? eventId);
}
