using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering;

/// <summary>Negation (<c>not</c>); a filter with nothing to check stays NoFilter, and one that aborted stays Aborted.</summary>
public sealed class NotFilter(IEventFilter inner) : IEventFilter
{
    /// <summary>The filter that must not pass.</summary>
    public IEventFilter Inner { get; } = inner;

    /// <inheritdoc />
    public FilterResult Evaluate(CloudEvent cloudEvent) => Inner.Evaluate(cloudEvent) switch
    {
        FilterResult.Pass => FilterResult.Fail,
        FilterResult.Fail => FilterResult.Pass,
        FilterResult.Aborted => FilterResult.Aborted,
        _ => FilterResult.NoFilter,
    };
}
