using CloudNative.CloudEvents;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>A C# step as the app registers and runs it: one class per name, and what it returns held to the CloudEvents rules.</summary>
public sealed class InAppStepTests
{
    [Fact]
    public void A_second_step_under_a_taken_name_is_refused_naming_both_classes()
    {
        var services = new ServiceCollection().AddSequenceStep<UppercaseStep>("shout");

        InvalidOperationException refused = Assert.Throws<InvalidOperationException>(() => services.AddSequenceStep<SourcelessStep>("shout"));

        Assert.Equal(
            $"the in-app step name 'shout' is registered already, for {typeof(UppercaseStep).FullName}; register {typeof(SourcelessStep).FullName} under a name of its own",
            refused.Message);
        Assert.Single(services.InAppSteps());
    }

    [Fact]
    public async Task An_event_the_step_returns_without_a_required_attribute_is_a_502_that_says_the_step_returned_it_retried_for_a_subscriber_only()
    {
        var step = new InAppStep(new SourcelessStep(), "enrich", NullLogger.Instance);
        var context = new StepContext("enrich", new Dictionary<string, string>());

        StepFailedException failed = await Assert.ThrowsAsync<StepFailedException>(async () => await step.InvokeAsync(Events.Json("""{"order": 1}"""), context, default));
        StepFailedException subscriber = await Assert.ThrowsAsync<StepFailedException>(
            async () => await step.InvokeAsync(Events.Json("""{"order": 1}"""), context with { Answer = AnswerUse.Subscriber }, default));

        Assert.Equal((502, false), (failed.StatusCode, failed.Retryable)); // as a Sequence step's, which Knative's next channel refuses with 400
        Assert.Equal((502, true), (subscriber.StatusCode, subscriber.Retryable)); // as a Trigger's, which Knative's broker filter answers 502
        Assert.Equal("Service/enrich returned an invalid CloudEvent: missing required attribute 'source'", failed.Message);
    }

    [Fact]
    public async Task What_the_step_returns_as_a_reply_or_a_sink_is_not_read_so_an_invalid_event_fails_nothing()
    {
        var step = new InAppStep(new SourcelessStep(), "enrich", NullLogger.Instance);

        Assert.Null(await step.InvokeAsync(Events.Json("""{"order": 1}"""), new StepContext("enrich", new Dictionary<string, string>()) { Answer = AnswerUse.Ignored }, default));
    }

    /// <summary>Returns its input without a source: a step's bug.</summary>
    private sealed class SourcelessStep : ISequenceStep
    {
        public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
        {
            input.Source = null;
            return ValueTask.FromResult<CloudEvent?>(input);
        }
    }
}
