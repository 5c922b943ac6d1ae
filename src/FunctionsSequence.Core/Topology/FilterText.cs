using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Filtering.Cesql;

namespace FunctionsSequence.Core.Topology;

/// <summary>
/// A Trigger's filter as a few short lines, all of which must hold: <c>type=x</c> for
/// <c>attributes</c> and <c>exact</c> (<c>type=*</c>: any non-empty value), <c>type=x*</c> for
/// <c>prefix</c>, <c>type=*x</c> for <c>suffix</c>, <c>cesql: ...</c>, and <c>all(...)</c>,
/// <c>any(...)</c>, <c>not(...)</c> nested. A filter that checks nothing reads "all events".
/// </summary>
internal static class FilterText
{
    public const string AllEvents = "all events";

    public static IReadOnlyList<string> Lines(IEventFilter filter)
    {
        List<string> lines = [.. TopLevel(filter).Where(line => line.Length > 0)];
        return lines.Count == 0 ? [AllEvents] : lines;
    }

    /// <summary>The top level is an AND already: each of its parts gets a line of its own.</summary>
    private static IEnumerable<string> TopLevel(IEventFilter filter) => filter switch
    {
        AllFilter all => all.Filters.SelectMany(TopLevel),
        AttributesFilter attributes => Pairs(attributes.Attributes, StringMatch.Exact),
        StringMatchFilter match => Pairs(match.Attributes, match.Match),
        _ => [Expression(filter)],
    };

    /// <summary>One filter as one expression; empty when it checks nothing.</summary>
    private static string Expression(IEventFilter filter) => filter switch
    {
        AllFilter all => Call("all", all.Filters.Select(Expression)),
        AnyFilter any => Call("any", any.Filters.Select(Expression)),
        NotFilter not => Call("not", [Expression(not.Inner)]),
        AttributesFilter attributes => Conjunction(Pairs(attributes.Attributes, StringMatch.Exact)),
        StringMatchFilter match => Conjunction(Pairs(match.Attributes, match.Match)),
        CesqlFilter { Expression: { } cesql } => $"cesql: {cesql.Text}",
        CesqlFilter => string.Empty,
        _ => filter.GetType().Name,
    };

    private static IEnumerable<string> Pairs(IReadOnlyDictionary<string, string> attributes, StringMatch match) =>
        attributes.Select(pair => match switch
        {
            _ when pair.Value.Length == 0 => $"{pair.Key}=*",
            StringMatch.Prefix => $"{pair.Key}={pair.Value}*",
            StringMatch.Suffix => $"{pair.Key}=*{pair.Value}",
            _ => $"{pair.Key}={pair.Value}",
        });

    private static string Conjunction(IEnumerable<string> parts)
    {
        List<string> list = [.. parts];
        return list.Count == 1 ? list[0] : Call("all", list);
    }

    private static string Call(string name, IEnumerable<string> parts)
    {
        List<string> list = [.. parts.Where(p => p.Length > 0)];
        return list.Count == 0 ? string.Empty : $"{name}({string.Join(", ", list)})";
    }
}
