using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering;

/// <summary>OR of filters (<c>any</c>). No filters: NoFilter.</summary>
public sealed class AnyFilter(IReadOnlyList<IEventFilter> filters) : IEventFilter
{
    /// <inheritdoc />
    public FilterResult Evaluate(CloudEvent cloudEvent)
    {
        FilterResult result = FilterResult.NoFilter;
        foreach (IEventFilter filter in filters)
        {
            switch (filter.Evaluate(cloudEvent))
            {
                case FilterResult.Pass:
                    return FilterResult.Pass;
                case FilterResult.Fail:
                    result = FilterResult.Fail;
                    break;
            }
        }

        return result;
    }
}
