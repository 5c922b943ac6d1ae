using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Filtering;

/// <summary>The <c>exact</c>, <c>prefix</c> and <c>suffix</c> dialects of Knative's <c>filters[]</c>.</summary>
public sealed class StringMatchFilter(StringMatch match, IReadOnlyDictionary<string, string> attributes) : IEventFilter
{
    /// <summary>How values are compared.</summary>
    public StringMatch Match { get; } = match;

    /// <summary>The attributes and values compared.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;

    /// <inheritdoc />
    public FilterResult Evaluate(CloudEvent cloudEvent)
    {
        if (Attributes.Count == 0)
        {
            return FilterResult.NoFilter;
        }

        foreach ((string name, string expected) in Attributes)
        {
            string? actual = CloudEventAttributes.Lookup(cloudEvent, name);
            bool ok = actual is not null && Match switch
            {
                StringMatch.Exact => string.Equals(actual, expected, StringComparison.Ordinal),
                StringMatch.Prefix => actual.StartsWith(expected, StringComparison.Ordinal),
                _ => actual.EndsWith(expected, StringComparison.Ordinal),
            };
            if (!ok)
            {
                return FilterResult.Fail;
            }
        }

        return FilterResult.Pass;
    }
}
