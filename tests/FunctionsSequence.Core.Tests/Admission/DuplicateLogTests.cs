using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>
/// An event sent twice is logged as its sender knows it: its id and source, escaped as values from
/// outside are, and the Sequence or Broker it was sent to, never the admission's internal key.
/// </summary>
public sealed class DuplicateLogTests : IAsyncDisposable
{
    private const int AcceptedAlready = 1102;
    private const int LeftOut = 1103;
    private const int TakenOver = 1104;

    private static readonly ManifestSet Manifests = Tests.Manifests.Load("""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
            - uri: http://step.local/
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: { name: to-seq }
        spec:
          broker: default
          subscriber: { ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq } }
        """).EnsureValid();

    private readonly LogLines log = new();
    private readonly ILoggerFactory loggers;
    private readonly FakeDurableClient client = new();

    public DuplicateLogTests() => loggers = LoggerFactory.Create(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));

    public async ValueTask DisposeAsync()
    {
        loggers.Dispose();
        await client.DisposeAsync();
    }

    private static RunMember Member(RunTarget target, string id, string source)
    {
        var cloudEvent = new CloudEvent { Id = id, Source = new Uri(source, UriKind.RelativeOrAbsolute), Type = "t" };
        return RunMember.Of(target, cloudEvent, new RunEvent(CloudEventJson.Encode(cloudEvent)));
    }

    private RunAdmission Admission(IAdmissionLedger ledger, TimeProvider? time = null) =>
        new(ledger, new OrchestrationStarter(NullFlowObserver.Instance, NullLogger<OrchestrationStarter>.Instance), Manifests, time ?? TimeProvider.System, loggers.CreateLogger<RunAdmission>());

    /// <summary>A batcher that shares runs (so it keeps the events it accepted), with one slot.</summary>
    private RunBatcher Batcher()
    {
        var options = new BatchingOptions { MaxEvents = 100, MaxInFlight = 1 };
        var inFlight = new InFlightRuns(options);
        return new RunBatcher(inFlight, options, Admission(new InMemoryAdmissionLedger(TimeSpan.FromHours(24))), Manifests, loggers.CreateLogger<RunBatcher>());
    }

    private string Line(int eventId) => Assert.Single(log.Entries, e => e.EventId == eventId).Text;

    [Fact]
    public async Task A_repeat_into_a_sequence_names_its_id_source_and_the_sequence()
    {
        RunBatcher batcher = Batcher();
        RunMember member = Member(RunTarget.Sequence("seq"), "order-17", "/shop");

        await batcher.AdmitAsync(client, RunTarget.Sequence("seq"), member, default);
        await batcher.AdmitAsync(client, RunTarget.Sequence("seq"), member, default);

        Assert.Equal("Sequence seq: event \"order-17\" from source \"/shop\" was accepted already; duplicate ignored", Line(AcceptedAlready));
        Assert.DoesNotContain(member.Id, Line(AcceptedAlready), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeat_into_a_broker_names_the_broker_and_its_trigger()
    {
        RunBatcher batcher = Batcher();
        RunMember member = Member(RunTarget.Trigger("to-seq"), "order-18", "https://shop.example/orders");

        await batcher.AdmitAsync(client, RunTarget.Trigger("to-seq"), member, default);
        await batcher.AdmitAsync(client, RunTarget.Trigger("to-seq"), member, default);

        Assert.Equal(
            "Broker default, Trigger to-seq: event \"order-18\" from source \"https://shop.example/orders\" was accepted already; duplicate ignored",
            Line(AcceptedAlready));
    }

    [Fact]
    public async Task Values_from_outside_are_quoted_escaped_and_cut_as_in_other_log_lines()
    {
        RunBatcher batcher = Batcher();
        string source = "/" + new string('s', 120);
        RunMember member = Member(RunTarget.Sequence("seq"), "he said \"hi\" \u2028", source);

        await batcher.AdmitAsync(client, RunTarget.Sequence("seq"), member, default);
        await batcher.AdmitAsync(client, RunTarget.Sequence("seq"), member, default);

        Assert.Equal(
            $"Sequence seq: event \"he said \\\"hi\\\" \\u2028\" from source \"{source[..100]}…\" was accepted already; duplicate ignored",
            Line(AcceptedAlready));
    }

    [Fact]
    public async Task A_repeat_the_ledger_recognises_names_its_id_source_and_the_sequence_and_the_run()
    {
        var ledger = new InMemoryAdmissionLedger(TimeSpan.FromHours(24));
        RunMember member = Member(RunTarget.Sequence("seq"), "order-19", "/shop");

        await Admission(ledger).StartAsync(client, RunTarget.Sequence("seq"), [member], null, default);
        await Admission(ledger).StartAsync(client, RunTarget.Sequence("seq"), [member], null, default);

        Assert.Equal(
            $"Sequence seq: event \"order-19\" from source \"/shop\" went into run {member.Id} already; duplicate left out",
            Line(LeftOut));
    }

    [Fact]
    public async Task A_claim_taken_over_names_its_event_and_the_broker_and_trigger()
    {
        var time = new ManualTime();
        var ledger = new InMemoryAdmissionLedger(TimeSpan.FromHours(24), time);
        RunMember member = Member(RunTarget.Trigger("to-seq"), "order-20", "/shop");
        await ledger.ClaimAsync(RunTarget.Trigger("to-seq"), [member.Id], "never-scheduled", default); // claimed, then the process died
        time.Now += TimeSpan.FromMinutes(1);

        await Admission(ledger, time).StartAsync(client, RunTarget.Trigger("to-seq"), [member], null, default);

        Assert.Equal(
            "Broker default, Trigger to-seq: event \"order-20\" from source \"/shop\" was claimed for run never-scheduled, which was never scheduled; admitting it again",
            Line(TakenOver));
    }
}
