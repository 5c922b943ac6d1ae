using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Tests.Steps;

public sealed class DisplayStepTests
{
    private static readonly StepContext Context = new("event-display", new Dictionary<string, string>());

    [Fact]
    public async Task A_replayed_delivery_of_the_same_event_prints_once()
    {
        var sink = new PrintedBlocks();
        var step = new DisplayStep(sink, new InMemoryDisplayLedger(), "event-display");

        Assert.Null(await step.InvokeAsync(Events.Json("""{"message": "m"}"""), Context, default));
        Assert.Null(await step.InvokeAsync(Events.Json("""{"message": "m"}"""), Context, default));

        Assert.Single(sink.Blocks);
    }

    [Fact]
    public async Task Events_that_differ_in_id_or_data_each_print()
    {
        var sink = new PrintedBlocks();
        var step = new DisplayStep(sink, new InMemoryDisplayLedger(), "event-display");

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

        await new DisplayStep(sink, ledger, "display-a").InvokeAsync(cloudEvent, Context, default);
        await new DisplayStep(sink, ledger, "display-b").InvokeAsync(cloudEvent, Context, default);

        Assert.Equal(2, sink.Blocks.Count);
        Assert.Equal(EventDisplayFormatter.Format(cloudEvent), sink.Blocks[0]);
    }
}
