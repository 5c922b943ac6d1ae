using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Manifests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.DeadLetters;

/// <summary>
/// A redrive sends the dead letter back to its hop as a run that starts there, although the event
/// was admitted before; a redrive of the same dead letter at the same time starts nothing more;
/// one after it is refused; each is audited.
/// </summary>
public sealed class DeadLetterRedriveTests : IAsyncDisposable
{
    private static readonly ManifestSet Manifests = new ManifestLoader().LoadText(
        """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
            - uri: http://step-0.local/
            - uri: http://step-1.local/
              delivery:
                deadLetterSink: { uri: http://dls.local/ }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: { name: events }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: { name: to-shop }
        spec:
          broker: events
          subscriber: { uri: http://shop.local/ }
        """,
        "seq.yaml").EnsureValid();

    private readonly ManualTime time = new();
    private readonly FakeDurableClient client = new();
    private readonly InMemoryDeadLetterStore store = new();
    private readonly InMemoryAdmissionLedger ledger;

    public DeadLetterRedriveTests() => ledger = new InMemoryAdmissionLedger(TimeSpan.FromHours(24), time);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private DeadLetterRedrive Redrive(IDeadLetterStore? other = null, ILogger<DeadLetterRedrive>? logger = null) => new(
        other ?? store, Manifests,
        new RunAdmission(ledger, new OrchestrationStarter(NullFlowObserver.Instance, NullLogger<OrchestrationStarter>.Instance), Manifests, time, NullLogger<RunAdmission>.Instance),
        time, logger ?? NullLogger<DeadLetterRedrive>.Instance);

    private async Task<DeadLetterRecord> DeadLetteredAsync()
    {
        DeadLetterRecord record = DeadLetterStoreContract.Record(Hop.Step("seq", 1), "a", time.Now) with
        {
            Event = """{"specversion":"1.0","id":"a","source":"/test","type":"t","region":"eu","knativeerrorcode":"503"}""",
        };
        await store.RecordAsync(record, default);
        return record;
    }

    [Fact]
    public async Task A_redrive_starts_a_run_at_the_failed_step_with_the_event_as_it_was()
    {
        DeadLetterRecord record = await DeadLetteredAsync();

        RedriveAudit audit = await Redrive().RedriveAsync(client, record.Id, default);

        Assert.Equal(RedriveOutcome.Started, audit.Outcome);
        Assert.Equal(("a", "/test", "Sequence seq step 1"), (audit.EventId, audit.Source, audit.To));
        (string name, object? input, _) = Assert.Single(client.Scheduled);
        Assert.Equal(TaskNames.SequenceOrchestrator, name);
        var run = Assert.IsType<SequenceRun>(input);
        Assert.Equal(1, run.FirstStep);
        RunEvent redriven = Assert.Single(run.Events);
        Assert.Equal(new RedriveMark(record.Id, 1), redriven.Redrive); // its dead letter, if any, is this redrive's
        string json = redriven.Event.Json;
        Assert.Contains("\"region\":\"eu\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("knativeerror", json, StringComparison.Ordinal);
        Assert.Equal(DeadLetterState.Redriven, (await store.GetAsync(record.Id, default))!.State);
        Assert.Equal([audit], await store.AuditsAsync(default));
    }

    [Fact]
    public async Task An_event_grid_dead_letter_redriven_to_its_trigger_arrives_then_and_one_that_arrived_keeps_its_time()
    {
        DeadLetterRecord direct = DeadLetterStoreContract.Record(Hop.Subscriber("to-shop"), "eg-1", time.Now) with
        {
            Event = """{"specversion":"1.0","id":"eg-1","source":"/test","type":"t"}""",
        };
        DeadLetterRecord arrived = DeadLetterStoreContract.Record(Hop.Subscriber("to-shop"), "eg-2", time.Now) with
        {
            Event = """{"specversion":"1.0","id":"eg-2","source":"/test","type":"t","knativearrivaltime":"2026-11-27T07:00:00Z"}""",
        };
        await store.RecordAsync(direct, default);
        await store.RecordAsync(arrived, default);

        await Redrive().RedriveAsync(client, direct.Id, default);
        await Redrive().RedriveAsync(client, arrived.Id, default);

        string[] sent = [.. client.Scheduled.Select(s => Assert.Single(Assert.IsType<TriggerRun>(s.Input).Events).Event.Json)];
        Assert.Contains("\"knativearrivaltime\":\"2026-11-27T08:00:00Z\"", sent[0], StringComparison.Ordinal);
        Assert.Contains("\"knativearrivaltime\":\"2026-11-27T07:00:00Z\"", sent[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_triggers_dead_letter_redriven_carries_its_hop_counter_beside_the_event_out_of_the_subscribers_sight()
    {
        DeadLetterRecord record = DeadLetterStoreContract.Record(Hop.Subscriber("to-shop"), "ttl-1", time.Now) with
        {
            Event = """{"specversion":"1.0","id":"ttl-1","source":"/test","type":"t","knativebrokerttl":7}""",
        };
        await store.RecordAsync(record, default);

        await Redrive().RedriveAsync(client, record.Id, default);

        RunEvent sent = Assert.Single(Assert.IsType<TriggerRun>(Assert.Single(client.Scheduled).Input).Events);
        Assert.Equal(7, sent.BrokerTtl); // where it had got to, not a new 255
        Assert.DoesNotContain("knativebrokerttl", sent.Event.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_redrive_is_refused_and_a_redrive_left_half_way_is_finished_without_a_second_run()
    {
        DeadLetterRecord record = await DeadLetteredAsync();
        await Redrive().RedriveAsync(client, record.Id, default);

        RedriveAudit second = await Redrive().RedriveAsync(client, record.Id, default);
        DeadLetterRecord done = (await store.GetAsync(record.Id, default))!;
        await store.UpdateAsync(done with { State = DeadLetterState.Redriving }, default); // as a redrive that died before marking it
        RedriveAudit resumed = await Redrive().RedriveAsync(client, record.Id, default);

        Assert.Equal(RedriveOutcome.Refused, second.Outcome);
        Assert.Contains("not sent again", second.Detail, StringComparison.Ordinal);
        Assert.Equal(RedriveOutcome.AlreadyStarted, resumed.Outcome);
        Assert.Single(client.Scheduled);
    }

    [Fact]
    public async Task Two_redrives_at_once_start_one_run()
    {
        DeadLetterRecord record = await DeadLetteredAsync();

        RedriveAudit[] audits = await Task.WhenAll(Redrive().RedriveAsync(client, record.Id, default), Redrive().RedriveAsync(client, record.Id, default));

        Assert.Single(client.Scheduled);
        Assert.Contains(audits, a => a.Outcome == RedriveOutcome.Started);
        Assert.All(audits, a => Assert.NotEqual(RedriveOutcome.NotFound, a.Outcome));
    }

    [Fact]
    public async Task A_dead_letter_deleted_as_its_redrive_claims_it_is_not_found_and_not_sent()
    {
        DeadLetterRecord record = await DeadLetteredAsync();

        RedriveAudit audit = await Redrive(new DeletedOnClaimStore(store)).RedriveAsync(client, record.Id, default);

        Assert.Equal(RedriveOutcome.NotFound, audit.Outcome);
        Assert.Contains("deleted while it was being redriven", audit.Detail, StringComparison.Ordinal);
        Assert.Empty(client.Scheduled);
    }

    [Fact]
    public async Task An_unknown_dead_letter_is_not_found_and_its_log_line_names_no_event()
    {
        using var log = new LogLines();

        RedriveAudit audit = await Redrive(logger: new LoggerFactory([log]).CreateLogger<DeadLetterRedrive>()).RedriveAsync(client, "nope", default);

        Assert.Equal(RedriveOutcome.NotFound, audit.Outcome);
        Assert.Empty(client.Scheduled);
        Assert.Equal("Redrive nope: NotFound, there is no dead letter 'nope'", Assert.Single(log.Lines));
    }
}
