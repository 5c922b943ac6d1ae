using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Filtering;

/// <summary>
/// Knative's <c>filter.attributes</c>: every listed attribute must equal its value exactly
/// (case-sensitive); an empty value means "present and non-empty"; an empty map passes all.
/// </summary>
public sealed class AttributesFilter(IReadOnlyDictionary<string, string> attributes) : IEventFilter
{
    /// <summary>The attributes and values the filter compares.</summary>
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
            bool ok = expected.Length == 0 ? !string.IsNullOrEmpty(actual) : string.Equals(actual, expected, StringComparison.Ordinal);
            if (!ok)
            {
                return FilterResult.Fail;
            }
        }

        return FilterResult.Pass;
    }
}
