using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering;

/// <summary>Helpers shared by the filter implementations.</summary>
public static class EventFilterExtensions
{
    /// <summary>True when the event should be delivered (Pass or NoFilter).</summary>
    public static bool Matches(this IEventFilter filter, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Evaluate(cloudEvent).Passes();
    }

    /// <summary>True for a result that lets the event through: it passed, or there was nothing to check.</summary>
    public static bool Passes(this FilterResult result) => result is FilterResult.Pass or FilterResult.NoFilter;
}
