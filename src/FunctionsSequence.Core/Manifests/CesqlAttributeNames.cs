using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Filtering.Cesql;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Warns of a <c>cesql</c> attribute name that is likely a typo of a CloudEvents context attribute (<c>typ</c>,
/// <c>sourc</c>, <c>subjet</c>). Any other name is an extension, which Knative accepts and an event without it fails
/// on, so this is a warning, and only for a name one typo from a context attribute that the manifests name nowhere else.
/// </summary>
internal static class CesqlAttributeNames
{
    /// <summary>Reports each likely typo once per expression, at its <c>cesql</c> field.</summary>
    public static void Report(ManifestScope scope, Action<DiagnosticSeverity, SourceLocation, string?, string, string> report)
    {
        foreach (CesqlAttributeUse use in scope.AttributeNames.InCesql.DistinctBy(u => (u.Name, u.Location, u.Field)))
        {
            if (scope.AttributeNames.Elsewhere.Contains(use.Name) || Meant(use.Name) is not [_, ..] meant)
            {
                continue;
            }

            report(DiagnosticSeverity.Warning, use.Location, use.Resource, use.Field,
                $"'{use.Name}' (at {use.Where}) is not a CloudEvents context attribute; did you mean {string.Join(" or ", meant.Select(m => $"'{m}'"))}? "
                + $"Knative accepts it as the name of an extension, and an event without that extension fails this filter where the expression reads it (EXISTS {use.Name} is false)");
        }
    }

    /// <summary>
    /// The context attributes <paramref name="name"/> is one typo from, nearest first: one edit, or two neighbouring
    /// letters swapped (two edits for the long names: dataschema, specversion, datacontenttype). Not <c>id</c>, whose
    /// neighbours are names of their own (ip, ids, uid), nor a name that holds a whole context attribute (types, etype,
    /// subjectid, knativearrivaltime): those are extensions made from one, as Knative's own are. Case is no typo: CESQL
    /// reads names in any case.
    /// </summary>
    private static List<string> Meant(string name)
    {
        if (ContextAttributes.Contains(name))
        {
            return [];
        }

        return [.. ContextAttributes.Names
            .Where(a => a.Length > 2 && !name.Contains(a, StringComparison.Ordinal))
            .Select(a => (Name: a, Distance: Spelling.IsSwap(name, a) ? 1 : Spelling.Distance(name, a)))
            .Where(a => a.Distance <= (a.Name.Length >= 10 ? 2 : 1))
            .OrderBy(a => a.Distance)
            .Select(a => a.Name)];
    }
}
