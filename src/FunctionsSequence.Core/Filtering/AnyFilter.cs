using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering;

/// <summary>OR of filters (<c>any</c>). No filters: NoFilter. Stops at the first Pass or Aborted.</summary>
public sealed class AnyFilter(IReadOnlyList<IEventFilter> filters) : IEventFilter
{
    /// <summary>The filters of which one must pass.</summary>
    public IReadOnlyList<IEventFilter> Filters { get; } = filters;

    /// <inheritdoc />
    public FilterResult Evaluate(CloudEvent cloudEvent)
    {
        FilterResult result = FilterResult.NoFilter;
        foreach (IEventFilter filter in Filters)
        {
            switch (filter.Evaluate(cloudEvent))
            {
                case FilterResult.Pass:
                    return FilterResult.Pass;
                case FilterResult.Aborted:
                    return FilterResult.Aborted;
                case FilterResult.Fail:
                    result = FilterResult.Fail;
                    break;
            }
        }

        return result;
    }
}
