using System.Text.Json;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Flows;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>The reply activity's outcome in a run's history: its failures beside its events, and <c>true</c> from histories written before it.</summary>
public sealed class ReplyOutcomeJsonTests
{
    [Fact]
    public void Failures_beside_delivered_events_read_back_as_written()
    {
        var outcome = new ReplyOutcome([null, DeliveryResult.Failure(503, retryable: true, "POST http://reply.local/ answered 503") with { ResponseData = "AH8=" }]);

        ReplyOutcome? read = JsonSerializer.Deserialize<ReplyOutcome>(JsonSerializer.Serialize(outcome));

        Assert.Null(read!.Failures[0]);
        Assert.Equal((503, true, "AH8="), (read.Failures[1]!.StatusCode, read.Failures[1]!.Retryable, read.Failures[1]!.ResponseData));
    }

    [Fact]
    public void True_from_an_earlier_build_reads_as_every_event_delivered()
    {
        Assert.Empty(JsonSerializer.Deserialize<ReplyOutcome>("true")!.Failures);
    }

    [Fact]
    public void A_refusal_kept_beside_a_steps_answer_reads_back()
    {
        DeliveryResult result = DeliveryResult.Success("{\"id\":\"a\"}") with
        {
            ReplyGivenUp = "POST http://reply.local/ answered 422",
            ReplyRefusal = DeliveryResult.Failure(422, retryable: false, "POST http://reply.local/ answered 422"),
        };

        DeliveryResult? read = JsonSerializer.Deserialize<DeliveryResult>(JsonSerializer.Serialize(result));

        Assert.Equal((422, "POST http://reply.local/ answered 422"), (read!.ReplyRefusal?.StatusCode, read.ReplyGivenUp));
    }
}
