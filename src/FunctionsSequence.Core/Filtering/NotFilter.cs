using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering;

/// <summary>Negation (<c>not</c>); a filter with nothing to check stays NoFilter.</summary>
public sealed class NotFilter(IEventFilter inner) : IEventFilter
{
    /// <inheritdoc />
    public FilterResult Evaluate(CloudEvent cloudEvent) => inner.Evaluate(cloudEvent) switch
    {
        FilterResult.Pass => FilterResult.Fail,
        FilterResult.Fail => FilterResult.Pass,
        _ => FilterResult.NoFilter,
    };
}
