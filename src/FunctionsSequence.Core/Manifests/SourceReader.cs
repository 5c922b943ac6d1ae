using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>Reads a PingSource (<c>sources.knative.dev/v1</c>) or the seed's CronJobSource.</summary>
internal static class SourceReader
{
    /// <summary>The source of <paramref name="doc"/>, or null when it cannot run (the errors are reported).</summary>
    public static PingSourceResource? Read(ManifestDocument doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", $"is required: a {doc.Kind} needs spec.schedule and spec.sink");
            return null;
        }

        r.CheckKeys(spec, "spec", "schedule", "timezone", "contentType", "data", "dataBase64", "sink", "ceOverrides", "serviceAccountName", "resources");
        string schedule = r.Scalar(spec, "schedule", "spec", required: true) ?? string.Empty;
        string? timezone = r.Scalar(spec, "timezone", "spec");
        if (schedule.Length > 0)
        {
            try
            {
                CronSchedule.Parse(schedule, timezone);
            }
            catch (FormatException ex)
            {
                bool zone = timezone is not null && ex.Message.Contains("time zone", StringComparison.Ordinal);
                r.Error(YamlNodeReader.Child(spec, zone ? "timezone" : "schedule"), zone ? "spec.timezone" : "spec.schedule", ex.Message);
            }
        }

        string? data = r.Scalar(spec, "data", "spec");
        string? dataBase64 = r.Scalar(spec, "dataBase64", "spec");
        ReadOnlyMemory<byte>? payload = data is null ? null : System.Text.Encoding.UTF8.GetBytes(data);
        if (data is not null && dataBase64 is not null)
        {
            r.Error(YamlNodeReader.Child(spec, "dataBase64"), "spec.dataBase64", "data and dataBase64 are both set; set only one of them");
        }
        else if (dataBase64 is not null)
        {
            try
            {
                payload = Convert.FromBase64String(dataBase64);
            }
            catch (FormatException)
            {
                r.Error(YamlNodeReader.Child(spec, "dataBase64"), "spec.dataBase64", "is not valid base64");
            }
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Mapping(YamlNodeReader.Child(spec, "ceOverrides"), "spec.ceOverrides") is { } ce)
        {
            r.CheckKeys(ce, "spec.ceOverrides", "extensions");
            overrides = r.StringMap(ce, "extensions", "spec.ceOverrides");
        }

        YamlMappingNode? sinkMap = r.Mapping(YamlNodeReader.Child(spec, "sink"), "spec.sink");
        if (sinkMap is null)
        {
            r.Error(spec, "spec.sink", "is required: where the events go (a ref or a uri)");
            return null;
        }

        Destination? sink = doc.Destinations.ReadDestinationOrRef(sinkMap, "spec.sink");
        // The seed's CronJobSource always sent JSON; PingSource leaves it to contentType.
        string? contentType = r.Scalar(spec, "contentType", "spec") ?? (doc.Kind == ResourceKind.CronJobSource ? "application/json" : null);
        return sink is null ? null : new PingSourceResource(doc.Metadata, doc.Kind, schedule, timezone, contentType, payload, sink, overrides);
    }
}
