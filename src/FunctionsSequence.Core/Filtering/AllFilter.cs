using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering;

/// <summary>AND of filters (<c>all</c>, and the top-level <c>filters[]</c> list). No filters: NoFilter. Stops at the first Fail or Aborted.</summary>
public sealed class AllFilter(IReadOnlyList<IEventFilter> filters) : IEventFilter
{
    /// <summary>The filters that must all pass.</summary>
    public IReadOnlyList<IEventFilter> Filters { get; } = filters;

    /// <inheritdoc />
    public FilterResult Evaluate(CloudEvent cloudEvent)
    {
        FilterResult result = FilterResult.NoFilter;
        foreach (IEventFilter filter in Filters)
        {
            switch (filter.Evaluate(cloudEvent))
            {
                case FilterResult.Fail:
                    return FilterResult.Fail;
                case FilterResult.Aborted:
                    return FilterResult.Aborted;
                case FilterResult.Pass:
                    result = FilterResult.Pass;
                    break;
            }
        }

        return result;
    }
}
