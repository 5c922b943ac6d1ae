using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Yaml;

/// <summary>
/// Kubernetes string fields (every string map: labels, annotations, a ConfigMap's data, a Trigger's filter
/// attributes, a PingSource's ceOverrides extensions; a container's env value, a PingSource's data; every field read with
/// <see cref="YamlNodeReader.Text"/>: names, kinds, URIs, schedules, durations, expressions): kubectl reads YAML as YAML 1.1
/// does, so an unquoted <c>3</c>, <c>1.5</c>, <c>true</c> or <c>yes</c> is a number or a boolean there and
/// the object is refused ("cannot unmarshal number into Go struct field ... of type string"). The same
/// manifest is refused here, at its line, saying to quote it, rather than run with a value kubectl never takes.
/// </summary>
internal static partial class KubernetesStrings
{
    /// <summary>
    /// Reports <paramref name="node"/> when it is a plain scalar YAML 1.1 reads as something other than a string (JSON's
    /// numbers and booleans are such scalars too); true when it did.
    /// </summary>
    public static bool Check(YamlNodeReader r, YamlNode? node, string field)
    {
        ArgumentNullException.ThrowIfNull(r);
        // An explicit tag (!!str 3) says what the scalar is, as it does to kubectl.
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Tag.IsEmpty: true, Value: { Length: > 0 } value } && TypeOf(value) is { } type)
        {
            string language = r.File.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "JSON" : "YAML";
            r.Error(node, field, $"is {type} in {language} ({value}), and Kubernetes takes only a string here (kubectl refuses it): quote it, \"{value}\"");
            return true;
        }

        return false;
    }

    private static string? TypeOf(string value) =>
        Boolean().IsMatch(value) ? "a boolean"
        : Integer().IsMatch(value) || Float().IsMatch(value) ? "a number"
        : null;

    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Boolean();

    [GeneratedRegex("^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Float();
}
