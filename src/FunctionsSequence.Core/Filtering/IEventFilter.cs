using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering;

/// <summary>A Trigger filter: decides whether an event goes to the subscriber.</summary>
public interface IEventFilter
{
    /// <summary>Evaluates the filter against an event.</summary>
    FilterResult Evaluate(CloudEvent cloudEvent);
}
