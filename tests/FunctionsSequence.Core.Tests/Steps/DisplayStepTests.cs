using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Steps;

public sealed class DisplayStepTests
{
    private static readonly StepContext Context = new("event-display", new Dictionary<string, string>());

    [Fact]
    public async Task A_replayed_delivery_of_the_same_event_prints_once_and_the_log_says_it_was_left_out()
    {
        var sink = new PrintedBlocks();
        var log = new LogLines();
        var step = new DisplayStep(sink, new InMemoryDisplayLedger(), "event-display", log);

        Assert.Null(await step.InvokeAsync(Events.Json("""{"message": "m"}"""), Context, default));
        Assert.Null(await step.InvokeAsync(Events.Json("""{"message": "m"}"""), Context, default));

        Assert.Single(sink.Blocks);
        Assert.Equal(
            "Service/event-display: event e-1 from /apis/v1/namespaces/default/cronjobsources/cronjob-source was printed already; this delivery of it is left out (the display ledger keeps each event to one print)",
            Assert.Single(log.Lines));
    }

    [Fact]
    public async Task A_copy_that_comes_while_the_original_is_being_shown_waits_for_it_and_is_not_printed_again()
    {
        var sink = new PrintedBlocks();
        var ledger = new GatedLedger();
        var step = new DisplayStep(sink, ledger, "display-racing", NullLogger.Instance);
        CloudEvent cloudEvent = Events.Json("""{"message": "raced"}""");

        Task original = step.InvokeAsync(cloudEvent, Context, default).AsTask();
        Task copy = step.InvokeAsync(cloudEvent, Context, default).AsTask();
        await Task.Delay(100);
        ledger.Open.SetResult();
        await Task.WhenAll(original, copy).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(sink.Blocks);
    }

    [Fact]
    public async Task Runs_that_share_events_in_another_order_each_finish_and_print_each_event_once()
    {
        var sink = new PrintedBlocks();
        var ledger = new GatedLedger();
        var step = new DisplayStep(sink, ledger, "display-crossed", NullLogger.Instance);
        string a = CloudEventJson.Encode(Events.Json("""{"message": "a"}""", id: "a"));
        string b = CloudEventJson.Encode(Events.Json("""{"message": "b"}""", id: "b"));

        Task first = step.ShowStructuredAsync([a, b], via: null, default).AsTask();
        Task second = step.ShowStructuredAsync([b, a], via: null, default).AsTask();
        await Task.Delay(100);
        ledger.Open.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, sink.Blocks.Count);
    }

    [Fact]
    public async Task Events_that_differ_in_id_or_data_each_print()
    {
        var sink = new PrintedBlocks();
        var step = new DisplayStep(sink, new InMemoryDisplayLedger(), "event-display", NullLogger.Instance);

        await step.InvokeAsync(Events.Json("""{"message": "m"}""", id: "a"), Context, default);
        await step.InvokeAsync(Events.Json("""{"message": "m"}""", id: "b"), Context, default);
        await step.InvokeAsync(Events.Json("""{"message": "other"}""", id: "b"), Context, default);

        Assert.Equal(3, sink.Blocks.Count);
    }

    [Fact]
    public async Task Two_displays_sharing_a_ledger_each_print_the_event()
    {
        var sink = new PrintedBlocks();
        var ledger = new InMemoryDisplayLedger();
        CloudEvent cloudEvent = Events.Json("""{"message": "m"}""");

        await new DisplayStep(sink, ledger, "display-a", NullLogger.Instance).InvokeAsync(cloudEvent, Context, default);
        await new DisplayStep(sink, ledger, "display-b", NullLogger.Instance).InvokeAsync(cloudEvent, Context, default);

        Assert.Equal(2, sink.Blocks.Count);
        Assert.Equal(EventDisplayFormatter.Format(cloudEvent), sink.Blocks[0]);
    }

    [Fact]
    public async Task An_event_shown_from_its_JSON_and_again_decoded_prints_once()
    {
        var sink = new PrintedBlocks();
        var step = new DisplayStep(sink, new InMemoryDisplayLedger(), "event-display", NullLogger.Instance);
        CloudEvent cloudEvent = Events.Json("""{"message": "Hello wörld! <&>"}""");

        await step.ShowStructuredAsync([CloudEventJson.Encode(cloudEvent)], via: null, default);
        await step.InvokeAsync(cloudEvent, Context, default);

        Assert.Equal([EventDisplayFormatter.Format(cloudEvent)], sink.Blocks);
    }

    [Fact]
    public async Task The_same_event_from_two_hops_prints_twice_and_from_one_hop_again_once()
    {
        var sink = new PrintedBlocks();
        var step = new DisplayStep(sink, new InMemoryDisplayLedger(), "event-display", NullLogger.Instance);
        CloudEvent cloudEvent = Events.Json("""{"message": "m"}""");

        await step.InvokeAsync(cloudEvent, Context with { Via = "Trigger by-type" }, default);
        await step.InvokeAsync(cloudEvent, Context with { Via = "Trigger by-source" }, default);
        await step.ShowStructuredAsync([CloudEventJson.Encode(cloudEvent)], "Trigger by-type", default);

        Assert.Equal(2, sink.Blocks.Count);
    }

    [Fact]
    public async Task The_ledger_key_is_the_display_name_and_the_SHA256_of_the_block()
    {
        // Keys outlive the process in a persistent ledger: a replay after an upgrade must find them.
        var ledger = new KeysSeen();
        CloudEvent cloudEvent = Events.Json("""{"message": "m"}""");
        string expected = "event-display-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EventDisplayFormatter.Format(cloudEvent))));

        await new DisplayStep(new PrintedBlocks(), ledger, "event-display", NullLogger.Instance).ShowStructuredAsync([CloudEventJson.Encode(cloudEvent)], via: null, default);
        await new DisplayStep(new PrintedBlocks(), ledger, "event-display", NullLogger.Instance).InvokeAsync(cloudEvent, Context, default);

        Assert.Equal([expected, expected], ledger.Keys);
    }

    [Fact]
    public async Task A_run_handed_over_together_prints_in_order_each_event_once_and_records_after_each_group_of_14()
    {
        var sink = new PrintedBlocks();
        var ledger = new KeysSeen();
        string[] run = [.. Enumerable.Range(0, 30).Select(i => CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: $"e-{i}")))];

        // The run's first event again at its end: one delivery of the same event, printed once.
        var log = new LogLines();
        await new DisplayStep(sink, ledger, "event-display", log).ShowStructuredAsync([.. run, run[0]], via: null, default);

        Assert.Equal(run.Select(e => EventDisplayFormatter.Format(CloudEventJson.Decode(e))), sink.Blocks);
        Assert.StartsWith("Service/event-display: event e-0 from /apis/v1/namespaces/default/cronjobsources/cronjob-source was printed already", Assert.Single(log.Lines), StringComparison.Ordinal);
        Assert.Equal(30, ledger.Keys.Count); // claimed together, the copy left out before
        Assert.Equal([14, 14, 2], ledger.Recorded.Select(r => r.Count));
    }

    [Fact]
    public async Task Blocks_another_process_is_printing_are_asked_for_again_and_left_out_once_printed_there_or_printed_here_once_their_claim_lapses()
    {
        var sink = new PrintedBlocks();
        var log = new LogLines();
        string[] run = [.. Enumerable.Range(0, 4).Select(i => CloudEventJson.Encode(Events.Json("""{"message": "m"}""", id: $"e-{i}")))];
        // e-1 and e-2 held elsewhere: e-1 printed there meanwhile, e-2 held twice more then lapsed.
        var ledger = new ScriptedLedger(
            [DisplayClaim.Claimed, DisplayClaim.Held, DisplayClaim.Held, DisplayClaim.Claimed],
            [DisplayClaim.Printed, DisplayClaim.Held],
            [DisplayClaim.Held],
            [DisplayClaim.Claimed]);

        await new DisplayStep(sink, ledger, "event-display", log).ShowStructuredAsync(run, via: null, default).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([0, 3, 2], sink.Blocks.Select(b => int.Parse(b.Split("  id: e-")[1].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([4, 2, 1, 1], ledger.Asked.Select(keys => keys.Count));
        Assert.Equal([2, 1], ledger.Recorded.Select(keys => keys.Count));
        Assert.StartsWith("Service/event-display: event e-1 from ", Assert.Single(log.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_for_a_block_held_elsewhere_ends_when_the_delivery_is_cancelled()
    {
        var sink = new PrintedBlocks();
        var ledger = new ScriptedLedger([.. Enumerable.Repeat(new[] { DisplayClaim.Held }, 1000)]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Task showing = new DisplayStep(sink, ledger, "display-held", NullLogger.Instance).InvokeAsync(Events.Json("""{"message": "m"}"""), Context, cancel.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => showing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(sink.Blocks);
        Assert.InRange(ledger.Asked.Count, 2, 10); // asked again after 50, 100, 200 ms...
    }

    /// <summary>Answers each claim with the next of its scripted answers.</summary>
    private sealed class ScriptedLedger(params DisplayClaim[][] answers) : IDisplayLedger
    {
        private int call;

        public List<IReadOnlyList<string>> Asked { get; } = [];

        public List<IReadOnlyList<string>> Recorded { get; } = [];

        public ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Asked.Add([.. keys]);
            return ValueTask.FromResult<IReadOnlyList<DisplayClaim>>(answers[call++]);
        }

        public ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Recorded.Add([.. keys]);
            return ValueTask.CompletedTask;
        }

        public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class KeysSeen : IDisplayLedger
    {
        public List<string> Keys { get; } = [];

        public List<IReadOnlyList<string>> Recorded { get; } = [];

        public ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Keys.AddRange(keys);
            return ValueTask.FromResult<IReadOnlyList<DisplayClaim>>([.. keys.Select(_ => DisplayClaim.Claimed)]);
        }

        public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(0);

        public ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Recorded.Add([.. keys]);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>An in-memory ledger whose checks wait until <see cref="Open"/> is set: calls that come together read it together.</summary>
    private sealed class GatedLedger : IDisplayLedger
    {
        private readonly InMemoryDisplayLedger inner = new();

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            await Open.Task;
            return await inner.ClaimAsync(keys, cancellationToken);
        }

        public ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.RecordAsync(keys, cancellationToken);

        public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => inner.ForgetExpiredAsync(cancellationToken);
    }
}
