using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Core.Steps;

/// <summary>Knative's event_display: prints the event and replies with nothing.</summary>
public sealed class DisplayStep(IEventDisplaySink sink) : ISequenceStep
{
    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        sink.Write(EventDisplayFormatter.Format(input));
        return ValueTask.FromResult<CloudEvent?>(null);
    }
}
