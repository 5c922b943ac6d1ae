using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>The context attributes CloudEvents 1.0 defines; every other name an expression reads is an extension.</summary>
internal static class ContextAttributes
{
    /// <summary><c>specversion</c>, <c>id</c>, <c>source</c>, <c>type</c>, <c>datacontenttype</c>, <c>dataschema</c>, <c>subject</c>, <c>time</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [CloudEventsSpecVersion.SpecVersionAttribute.Name, .. CloudEventsSpecVersion.V1_0.AllAttributes.Select(a => a.Name)];

    /// <summary>True for a context attribute's name (lower case, as the parser gives it).</summary>
    public static bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);
}
