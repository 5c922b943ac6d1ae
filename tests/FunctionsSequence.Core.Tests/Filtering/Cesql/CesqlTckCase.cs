using System.Globalization;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Filtering.Cesql;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Tests.Filtering.Cesql;

/// <summary>
/// One case of the vendored CESQL TCK (TestData/cesql-tck, whose README.md describes the format):
/// an expression, the result and error it must give, and the event to evaluate it against.
/// </summary>
internal sealed record CesqlTckCase(
    string File,
    string Name,
    string Expression,
    CesqlValue? Result,
    string? Error,
    YamlMappingNode? Event,
    YamlMappingNode? EventOverrides)
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "cesql-tck");

    private static readonly Lazy<IReadOnlyList<CesqlTckCase>> Cases = new(() =>
        [.. Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).SelectMany(Read)]);

    /// <summary>Every case of every file, files in name order, cases in file order.</summary>
    public static IReadOnlyList<CesqlTckCase> All => Cases.Value;

    /// <summary>The event the case names, or when it names none a full event with its overrides.</summary>
    public CloudEvent BuildEvent()
    {
        CloudEvent cloudEvent = Event is null ? FullEvent() : new CloudEvent(CloudEventsSpecVersion.V1_0);
        if ((Event ?? EventOverrides) is YamlMappingNode attributes)
        {
            foreach ((YamlNode key, YamlNode value) in attributes.Children)
            {
                Set(cloudEvent, ((YamlScalarNode)key).Value!, (YamlScalarNode)value);
            }
        }

        return cloudEvent;
    }

    private static IEnumerable<CesqlTckCase> Read(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        string file = Path.GetFileNameWithoutExtension(path);
        var tests = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children["tests"];
        foreach (YamlMappingNode test in tests.Children.Cast<YamlMappingNode>())
        {
            yield return new CesqlTckCase(
                file,
                Scalar(test, "name")!,
                Scalar(test, "expression")!,
                test.Children.TryGetValue("result", out YamlNode? result) ? ToValue((YamlScalarNode)result) : null,
                Scalar(test, "error"),
                test.Children.TryGetValue("event", out YamlNode? e) ? (YamlMappingNode)e : null,
                test.Children.TryGetValue("eventOverrides", out YamlNode? o) ? (YamlMappingNode)o : null);
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out YamlNode? value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>A YAML scalar as the TCK means it: a plain <c>true</c> or <c>10</c> is a Boolean or an Integer, anything else a String.</summary>
    private static CesqlValue ToValue(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? string.Empty;
        if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain)
        {
            if (bool.TryParse(text, out bool flag))
            {
                return CesqlValue.Of(flag);
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
            {
                return CesqlValue.Of(number);
            }
        }

        return CesqlValue.Of(text);
    }

    /// <summary>Context attributes are parsed as their CloudEvents type; extensions take the type of the YAML value.</summary>
    private static void Set(CloudEvent cloudEvent, string name, YamlScalarNode scalar)
    {
        if (name == "specversion")
        {
            Assert.Equal("1.0", scalar.Value);
            return;
        }

        CloudEventAttribute? attribute = cloudEvent.GetAttribute(name);
        if (attribute is { IsExtension: false })
        {
            cloudEvent[attribute] = attribute.Parse(scalar.Value!);
            return;
        }

        CesqlValue value = ToValue(scalar);
        CloudEventAttributeType type = value.Type switch
        {
            CesqlType.Boolean => CloudEventAttributeType.Boolean,
            CesqlType.Integer => CloudEventAttributeType.Integer,
            _ => CloudEventAttributeType.String,
        };
        cloudEvent[CloudEventAttribute.CreateExtension(name, type)] = value.ToObject();
    }

    /// <summary>Every optional context attribute set, and no extension a case reads as missing.</summary>
    private static CloudEvent FullEvent() => new(CloudEventsSpecVersion.V1_0)
    {
        Id = "tck-id",
        Source = new Uri("http://localhost/source"),
        Type = "com.example.tck",
        Subject = "tck-subject",
        Time = DateTimeOffset.Parse("2018-04-26T14:48:09+02:00", CultureInfo.InvariantCulture),
        DataContentType = "application/json",
        DataSchema = new Uri("http://localhost/schema"),
    };
}
