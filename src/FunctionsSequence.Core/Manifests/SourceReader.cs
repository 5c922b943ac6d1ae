using System.Text;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a PingSource (<c>sources.knative.dev</c> v1 back to v1alpha1; v1alpha2 and v1beta1 call its data <c>jsonData</c>) or the seed's CronJobSource.</summary>
internal static class SourceReader
{
    /// <summary>The content type of JSON data, which the older versions always sent (<see cref="SourceMessage"/>).</summary>
    internal const string JsonContentType = "application/json";
    private const string DefaultSchedule = "* * * * *";

    /// <summary>The rule JSON data breaks, said before what is wrong with it.</summary>
    private const string WhenJson = $"a JSON object (or null) when contentType is {JsonContentType}, as in Knative";

    /// <summary>The context attributes CloudEvents 1.0 defines: what Knative's SDK refuses to set as an extension.</summary>
    private static readonly HashSet<string> SpecAttributes = new(StringComparer.Ordinal)
    {
        "id", "source", "specversion", "type", "datacontenttype", "dataschema", "subject", "time",
    };

    /// <summary>The source of <paramref name="doc"/>, or null when it cannot run (the errors are reported).</summary>
    public static PingSourceResource? Read(ManifestDocument doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", doc.Kind == ResourceKind.CronJobSource ? "is required: a CronJobSource needs spec.schedule and spec.sink" : "is required: a PingSource needs spec.sink");
            return null;
        }

        // PingSource's v1alpha2 and v1beta1 call their JSON data jsonData; the seed's CronJobSource and later versions say data.
        bool jsonData = doc.ApiVersion is "sources.knative.dev/v1alpha2" or "sources.knative.dev/v1beta1";
        string dataField = jsonData ? "jsonData" : "data";
        r.CheckKeys(spec, "spec", "schedule", "timezone", "contentType", dataField, "dataBase64", "sink", "ceOverrides", "serviceAccountName", "resources");
        // Knative defaults a PingSource's schedule, left out or empty, to every minute; the v1alpha1 kinds (the seed's
        // CronJobSource among them) required one, as robfig's cron refuses an empty schedule.
        bool scheduleRequired = SourceMessage.IsV1Alpha1(doc.ApiVersion);
        string schedule = r.Text(spec, "schedule", "spec", required: scheduleRequired) ?? string.Empty;
        if (schedule.Length == 0 && !scheduleRequired)
        {
            schedule = DefaultSchedule;
        }
        else if (schedule.Length == 0 && YamlNodeReader.Child(spec, "schedule") is { } empty && !YamlNodeReader.IsNull(empty) && !r.Refused(empty))
        {
            r.Error(empty, "spec.schedule", "is required");
        }

        string? timezone = r.Text(spec, "timezone", "spec");
        if (timezone is not null)
        {
            try
            {
                CronSchedule.ParseTimeZone(timezone);
            }
            catch (FormatException ex)
            {
                r.Error(YamlNodeReader.Child(spec, "timezone"), "spec.timezone", ex.Message);
                timezone = null; // the schedule is still checked, so both errors come in one run
            }
        }

        if (schedule.Length > 0)
        {
            try
            {
                // Knative takes a schedule no date matches (the 31st of February), and its PingSource then sends nothing.
                if (CronSchedule.Parse(schedule, timezone).GetNextOccurrence(DateTimeOffset.UtcNow) is null)
                {
                    r.Warning(YamlNodeReader.Child(spec, "schedule"), "spec.schedule", $"'{schedule}' never fires: no date matches it, so this source sends nothing (Knative takes it too)");
                }
            }
            catch (FormatException ex)
            {
                // With a known timezone field, the only zone error left is a CRON_TZ= prefix beside it (an unknown
                // field was reported above and is not passed, which leaves that clash to the next load).
                bool zone = timezone is not null && ex.Message.Contains("time zone", StringComparison.Ordinal);
                r.Error(YamlNodeReader.Child(spec, zone ? "timezone" : "schedule"), zone ? "spec.timezone" : "spec.schedule", ex.Message);
            }
        }

        (ReadOnlyMemory<byte>? payload, string? contentType) = SourceMessage.Versions.Contains(doc.ApiVersion)
            ? SourceMessage.Read(doc, spec, dataField)
            : ReadData(r, spec, r.Text(spec, "contentType", "spec"));

        Dictionary<string, string> overrides = ReadExtensionOverrides(r, YamlNodeReader.Child(spec, "ceOverrides"));
        doc.Scope.AttributeNames.Elsewhere.UnionWith(overrides.Keys); // its events carry them, so a cesql filter that names one means it

        YamlMappingNode? sinkMap = r.Mapping(YamlNodeReader.Child(spec, "sink"), "spec.sink");
        if (sinkMap is null)
        {
            r.Error(spec, "spec.sink", "is required: where the events go (a ref or a uri)");
            return null;
        }

        Destination? sink = doc.Destinations.ReadDestinationOrRef(sinkMap, "spec.sink");
        return sink is null ? null : new PingSourceResource(doc.Metadata, doc.Kind, schedule, timezone, contentType, payload, sink, overrides);
    }

    /// <summary>
    /// The event data of a PingSource from v1beta2 on, with its <paramref name="contentType"/>: <c>data</c> as text, or
    /// <c>dataBase64</c> decoded, not both; an empty one is not set, as in Knative. When contentType is exactly
    /// application/json, the data must be a JSON object or <c>null</c>, decoded first for base64: Knative unmarshals it
    /// into a map (ping_validation.go), which refuses lists and other values.
    /// </summary>
    private static (ReadOnlyMemory<byte>? Data, string? ContentType) ReadData(YamlNodeReader r, YamlMappingNode spec, string? contentType)
    {
        bool json = contentType == JsonContentType;
        KubernetesStrings.Check(r, YamlNodeReader.Child(spec, "data"), "spec.data");
        string? data = r.Scalar(spec, "data", "spec");
        string? dataBase64 = r.Text(spec, "dataBase64", "spec");
        if (data is { Length: > 0 } && dataBase64 is { Length: > 0 })
        {
            r.Error(YamlNodeReader.Child(spec, "dataBase64"), "spec.dataBase64", "data and dataBase64 are both set; set only one of them");
            return (Encoding.UTF8.GetBytes(data), contentType);
        }

        if (dataBase64 is not { Length: > 0 })
        {
            if (json && data is { Length: > 0 } && !JsonObjectText.TryParse(data, out _, out string? problem))
            {
                r.Error(YamlNodeReader.Child(spec, "data"), "spec.data", $"must be {WhenJson}: {problem}");
            }

            return (data is null ? null : Encoding.UTF8.GetBytes(data), contentType);
        }

        try
        {
            byte[] decoded = Convert.FromBase64String(dataBase64);
            if (json && decoded.Length > 0 && !JsonObjectText.TryParse(Encoding.UTF8.GetString(decoded), out _, out string? problem))
            {
                r.Error(YamlNodeReader.Child(spec, "dataBase64"), "spec.dataBase64", $"must decode to {WhenJson}: {problem}");
            }

            return (decoded, contentType);
        }
        catch (FormatException)
        {
            r.Error(YamlNodeReader.Child(spec, "dataBase64"), "spec.dataBase64", "is not valid base64");
            return (null, contentType);
        }
    }

    /// <summary>
    /// <c>ceOverrides.extensions</c>: names of ASCII letters and digits, as Knative requires (knative.dev/pkg
    /// source_types.go), each reported at its key. Knative's SDK lower-cases a name when it sets it, and so do we
    /// (CloudEvents attribute names are lower-case). A name the CloudEvents spec defines (<c>id</c>, <c>type</c>,
    /// <c>time</c>...) is an error: from Knative 1.5 on (sdk-go 2.8), its SDK refuses to set it, records the refusal on the
    /// event, and then refuses to send it, so such a PingSource sends no event at all (adapter/mtping/runner.go, sdk-go's
    /// Event.Validate); older releases sent it as an extension, which the CloudEvents spec does not allow.
    /// <c>data</c>, which Knative's SDK does set as an extension, is left out with a warning: the CloudEvents JSON format
    /// this app carries events in reserves it.
    /// </summary>
    private static Dictionary<string, string> ReadExtensionOverrides(YamlNodeReader r, YamlNode? node)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Mapping(node, "spec.ceOverrides") is not { } ce)
        {
            return overrides;
        }

        r.CheckKeys(ce, "spec.ceOverrides", "extensions");
        foreach ((string name, string value) in r.StringMap(ce, "extensions", "spec.ceOverrides"))
        {
            YamlNode? Key() => (YamlNodeReader.Child(ce, "extensions") as YamlMappingNode)?.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == name);
            if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit))
            {
                r.Error(Key(), $"spec.ceOverrides.extensions.{name}", $"'{name}' is not an extension name: CloudEvents extension names are ASCII letters and digits");
                continue;
            }

            if (SpecAttributes.Contains(name.ToLowerInvariant()))
            {
                r.Error(Key(), $"spec.ceOverrides.extensions.{name}",
                    $"'{name}' is an attribute the CloudEvents spec defines, not an extension: Knative's PingSource (1.5 and later) refuses to send an event with it, so it would send none");
                continue;
            }

            if (name.Equals("data", StringComparison.OrdinalIgnoreCase))
            {
                r.Warning(Key(), $"spec.ceOverrides.extensions.{name}",
                    "'data' is left out: the CloudEvents JSON format this app carries events in reserves it for the event's data (Knative sends it as the header ce-data)");
                continue;
            }

            // Knative's adapter sets each extension by its lower-case name, as CloudEvents names are.
            string lower = name.ToLowerInvariant();
            if (overrides.ContainsKey(lower))
            {
                r.Warning(Key(), $"spec.ceOverrides.extensions.{name}",
                    $"'{name}' and an earlier key are both the extension '{lower}' (extension names are lower case): this later one is kept, where Knative keeps either");
            }

            overrides[lower] = value;
        }

        return overrides;
    }
}
