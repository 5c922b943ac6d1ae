using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Inspection;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Tests.Inspection;

/// <summary>Runs are read from what their orchestrations keep (input, status, record) and found by Sequence, state or event id.</summary>
public sealed class RunInspectorTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeDurableClient client = new();

    private static string Event(string id, string source = "/shop") => CloudEventJson.Encode(new CloudEvent
    {
        Id = id,
        Source = new Uri(source, UriKind.Relative),
        Type = "order.created",
        DataContentType = "text/plain",
        Data = id,
    });

    private static OrchestrationMetadata Instance(string id, object input, OrchestrationRuntimeStatus status, int minute, RunRecord? record = null) =>
        new(input switch { TriggerRun => TaskNames.TriggerOrchestrator, ParallelRun => TaskNames.ParallelOrchestrator, _ => TaskNames.SequenceOrchestrator }, id)
        {
            RuntimeStatus = status,
            CreatedAt = T0.AddMinutes(minute),
            LastUpdatedAt = T0.AddMinutes(minute).AddSeconds(5),
            SerializedInput = JsonSerializer.Serialize(input, PayloadConverter.SerializerOptions),
            SerializedCustomStatus = record is null ? null : JsonSerializer.Serialize(record, PayloadConverter.SerializerOptions),
            SerializedOutput = status == OrchestrationRuntimeStatus.Failed ? "step 1 failed after 3 attempt(s)" : null,
        };

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private void Hold(params OrchestrationMetadata[] instances) => client.Instances.AddRange(instances);

    [Fact]
    public async Task Runs_are_listed_newest_first_with_their_events_attempts_dead_letters_and_failure()
    {
        var record = new RunRecord([
            new HopAttempt("step 0 (Service/first)", 1, T0.UtcDateTime, TimeSpan.FromMilliseconds(20), []),
            new HopAttempt("step 1 (http://x/)", 1, T0.UtcDateTime, TimeSpan.FromMilliseconds(20), []) { Failed = [new HopFailure(0, 400, "no", HopFate.DeadLettered, "http://dls/")] },
        ]);
        Hold(
            Instance("seq:shop:1", new SequenceRun("shop", [new RunEvent(Event("a"))]), OrchestrationRuntimeStatus.Completed, 1, record),
            Instance("trg:t:2", new TriggerRun("t", [new RunEvent(Event("b"), 254)]), OrchestrationRuntimeStatus.Running, 2),
            Instance("seq:shop:3", new SequenceRun("shop", [new RunEvent(Event("c"))]), OrchestrationRuntimeStatus.Failed, 3),
            new OrchestrationMetadata("SomethingElse", "other") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        IReadOnlyList<RunSummary> runs = await new RunInspector(client).ListAsync(new RunFilter());

        Assert.Equal(["seq:shop:3", "trg:t:2", "seq:shop:1"], runs.Select(r => r.Id));
        Assert.Equal(("Trigger", "t", "running", "b"), (runs[1].Kind, runs[1].Target, runs[1].Status, Assert.Single(runs[1].EventIds)));
        Assert.Equal((2, 1), (runs[2].Attempts, runs[2].DeadLettered));
        Assert.Equal("step 1 failed after 3 attempt(s)", runs[0].Failure);
    }

    [Fact]
    public async Task A_listing_of_one_Sequence_in_one_state_asks_the_backend_for_that_state_and_keeps_only_that_Sequence()
    {
        Hold(
            Instance("seq:shop:1", new SequenceRun("shop", [new RunEvent(Event("a"))]), OrchestrationRuntimeStatus.Failed, 1),
            Instance("seqb:shop:2", new SequenceRun("shop", [new RunEvent(Event("b")), new RunEvent(Event("c"))]), OrchestrationRuntimeStatus.Failed, 2),
            Instance("seq:shopping:3", new SequenceRun("shopping", [new RunEvent(Event("d"))]), OrchestrationRuntimeStatus.Failed, 3),
            Instance("seq:shop:4", new SequenceRun("shop", [new RunEvent(Event("e"))]), OrchestrationRuntimeStatus.Completed, 4));

        IReadOnlyList<RunSummary> runs = await new RunInspector(client).ListAsync(new RunFilter(RunTarget.Sequence("shop"), "failed", Limit: 10));

        Assert.Equal(["seqb:shop:2", "seq:shop:1"], runs.Select(r => r.Id));
        Assert.Equal([OrchestrationRuntimeStatus.Failed], Assert.Single(client.Queries).Statuses);
        Assert.True(Assert.Single(client.Queries).FetchInputsAndOutputs);
    }

    [Fact]
    public async Task A_listing_of_one_Trigger_or_Parallel_asks_for_its_kind_of_run_and_keeps_only_that_one()
    {
        Hold(
            Instance("trg:shop:1", new TriggerRun("shop", [new RunEvent(Event("a"), 254)]), OrchestrationRuntimeStatus.Completed, 1),
            Instance("seq:shop:2", new SequenceRun("shop", [new RunEvent(Event("b"))]), OrchestrationRuntimeStatus.Completed, 2),
            Instance("parb:shop:3", new ParallelRun("shop", [new RunEvent(Event("c")), new RunEvent(Event("d"))], null), OrchestrationRuntimeStatus.Completed, 3),
            Instance("trg:shopping:4", new TriggerRun("shopping", [new RunEvent(Event("e"), 254)]), OrchestrationRuntimeStatus.Completed, 4));

        IReadOnlyList<RunSummary> triggers = await new RunInspector(client).ListAsync(new RunFilter(RunTarget.Trigger("shop")));
        IReadOnlyList<RunSummary> parallels = await new RunInspector(client).ListAsync(new RunFilter(RunTarget.Parallel("shop")));

        Assert.Equal(["trg:shop:1"], triggers.Select(r => r.Id));
        Assert.Equal(["parb:shop:3"], parallels.Select(r => r.Id));
        Assert.Equal(["trg", "par"], client.Queries.Select(q => q.InstanceIdPrefix));
    }

    [Fact]
    public async Task A_limit_keeps_the_newest_runs()
    {
        Hold([.. Enumerable.Range(0, 5).Select(i => Instance($"seq:shop:{i}", new SequenceRun("shop", [new RunEvent(Event($"e{i}"))]), OrchestrationRuntimeStatus.Completed, i))]);

        IReadOnlyList<RunSummary> runs = await new RunInspector(client).ListAsync(new RunFilter(Limit: 2));

        Assert.Equal(["seq:shop:4", "seq:shop:3"], runs.Select(r => r.Id));
    }

    [Fact]
    public async Task An_event_is_found_in_every_run_that_carried_it_oldest_first_and_a_shared_run_is_cut_to_it()
    {
        var record = new RunRecord([
            new HopAttempt("step 0 (Service/first)", 1, T0.UtcDateTime, TimeSpan.Zero, []),
            new HopAttempt("step 1 (http://x/)", 1, T0.UtcDateTime, TimeSpan.Zero, []) { Failed = [new HopFailure(1, 503, "busy", HopFate.Retrying)] },
            new HopAttempt("step 1 (http://x/)", 2, T0.UtcDateTime.AddSeconds(1), TimeSpan.Zero, [1]),
        ]);
        Hold(
            Instance("trg:display:9", new TriggerRun("display", [new RunEvent(Event("wanted"), 253)]), OrchestrationRuntimeStatus.Completed, 9),
            Instance("seqb:shop:5", new SequenceRun("shop", [new RunEvent(Event("other")), new RunEvent(Event("wanted"))]), OrchestrationRuntimeStatus.Completed, 5, record),
            Instance("seq:shop:7", new SequenceRun("shop", [new RunEvent(Event("unrelated"))]), OrchestrationRuntimeStatus.Completed, 7));

        EventReport report = await new RunInspector(client).FindEventAsync("wanted");

        Assert.Equal(["seqb:shop:5", "trg:display:9"], report.Runs.Select(r => r.Run.Id));
        EventPath path = Assert.Single(report.Runs[0].Events);
        Assert.Equal((1, "wanted", "/shop", "order.created"), (path.Index, path.Id, path.Source, path.Type));
        Assert.Equal([("step 0 (Service/first)", 1, "ok"), ("step 1 (http://x/)", 2, "ok")], path.Hops.Select(h => (h.Hop, h.Attempts, h.Result)));
        Assert.Equal((503, "busy"), (path.Hops[1].Status, path.Hops[1].Error));
        Assert.Empty(report.Runs[1].Events[0].Hops); // nothing recorded yet
    }

    [Fact]
    public async Task A_run_id_given_as_the_event_finds_that_run()
    {
        Hold(Instance("seq:shop:1", new SequenceRun("shop", [new RunEvent(Event("a"))]), OrchestrationRuntimeStatus.Running, 1));

        EventReport report = await new RunInspector(client).FindEventAsync("seq:shop:1");

        Assert.Equal("seq:shop:1", Assert.Single(report.Runs).Run.Id);
        Assert.Null(await new RunInspector(client).GetAsync("seq:none:0"));
    }

    [Fact]
    public void An_unknown_state_is_refused_with_the_states_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => RunStates.StatusesOf("broken"));
        Assert.Contains("failed, running, pending, completed", error.Message, StringComparison.Ordinal);
    }
}
