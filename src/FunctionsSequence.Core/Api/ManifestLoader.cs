using System.Globalization;
using System.Xml;
using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Sources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Api;

/// <summary>
/// Loads Knative manifests (multi-document YAML, files or folders) in both the seed's v1alpha1
/// dialect and today's v1, and validates them: every error is reported with file, line and field.
/// </summary>
/// <param name="inAppSteps">Names of the C# steps registered in the app, to check the step annotation against.</param>
/// <param name="defaultCheckpoint">The checkpoint mode of Sequences that do not choose one.</param>
public sealed class ManifestLoader(IReadOnlyCollection<string>? inAppSteps = null, CheckpointMode defaultCheckpoint = CheckpointMode.Step)
{
    private static readonly string[] TopLevelFields = ["apiVersion", "kind", "metadata", "spec", "status"];
    private static readonly string[] MetadataFields =
        ["name", "namespace", "labels", "annotations", "generateName", "uid", "resourceVersion", "generation", "creationTimestamp", "ownerReferences", "finalizers", "managedFields"];

    private static readonly string[] DestinationFields = ["ref", "uri", "CACerts", "audience"];
    private static readonly string[] RefFields = ["apiVersion", "kind", "name", "namespace"];
    private static readonly string[] DeliveryFields = ["retry", "backoffPolicy", "backoffDelay", "timeout", "deadLetterSink", "retryAfterMax", "format"];
    private static readonly string[] ContainerFields =
        ["name", "image", "env", "envFrom", "ports", "args", "command", "resources", "imagePullPolicy", "livenessProbe", "readinessProbe", "startupProbe", "volumeMounts", "workingDir", "securityContext"];

    private readonly IReadOnlyCollection<string> inAppSteps = inAppSteps ?? [];

    /// <summary>Loads every <c>.yaml</c>/<c>.yml</c> file in the given files and folders (folders recursively, in name order).</summary>
    public ManifestLoadResult Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var diagnostics = new List<ManifestDiagnostic>();
        var references = new List<ReferenceUse>();
        var documents = new List<RawResource>();
        foreach (string path in paths)
        {
            foreach (string file in ExpandPath(path, diagnostics))
            {
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (IOException ex)
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(file, 0), null, "(file)", $"cannot be read: {ex.Message}"));
                    continue;
                }

                documents.AddRange(Parse(text, file, diagnostics, references));
            }
        }

        return Build(documents, diagnostics, references);
    }

    /// <summary>Loads manifests from text; <paramref name="fileName"/> is used in findings.</summary>
    public ManifestLoadResult LoadText(string yaml, string fileName = "manifest.yaml")
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var references = new List<ReferenceUse>();
        return Build(Parse(yaml, fileName, diagnostics, references), diagnostics, references);
    }

    private static string[] ExpandPath(string path, List<ManifestDiagnostic> diagnostics)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            string[] files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0), null, "(folder)", "has no .yaml or .yml files"));
            }

            return files;
        }

        diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0), null, "(path)", "no such file or folder"));
        return [];
    }

    private static List<RawResource> Parse(string text, string file, List<ManifestDiagnostic> diagnostics, List<ReferenceUse> references)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new ManifestDiagnostic(
                DiagnosticSeverity.Error, new SourceLocation(file, (int)ex.Start.Line), null, "(yaml)", $"is not valid YAML: {ex.InnerException?.Message ?? ex.Message}"));
            return [];
        }

        var resources = new List<RawResource>();
        foreach (YamlDocument document in stream.Documents)
        {
            var reader = new YamlNodeReader(file, diagnostics, references);
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document between two '---' separators
            }

            YamlMappingNode? root = reader.Mapping(document.RootNode, "(document)");
            if (root is null)
            {
                continue;
            }

            reader.CheckKeys(root, string.Empty, TopLevelFields);
            string? apiVersion = reader.Scalar(root, "apiVersion", string.Empty, required: true);
            string? kind = reader.Scalar(root, "kind", string.Empty, required: true);
            YamlMappingNode? metadata = reader.Mapping(YamlNodeReader.Child(root, "metadata"), "metadata");
            string? name = reader.Scalar(metadata, "name", "metadata", required: true);
            if (metadata is null)
            {
                reader.Error(root, "metadata", "is required (with at least a name)");
            }

            if (kind is null || apiVersion is null || name is null || metadata is null)
            {
                continue;
            }

            reader.Resource = $"{kind}/{name}";
            reader.CheckKeys(metadata, "metadata", MetadataFields);
            var meta = new ResourceMetadata(
                name,
                reader.Scalar(metadata, "namespace", "metadata") ?? ResourceMetadata.DefaultNamespace,
                reader.StringMap(metadata, "labels", "metadata"),
                reader.StringMap(metadata, "annotations", "metadata"),
                reader.At(root));
            resources.Add(new RawResource(apiVersion, kind, meta, root, reader));
        }

        return resources;
    }

    private ManifestLoadResult Build(List<RawResource> documents, List<ManifestDiagnostic> diagnostics, List<ReferenceUse> references)
    {
        var sequences = new List<SequenceResource>();
        var brokers = new List<BrokerResource>();
        var triggers = new List<TriggerResource>();
        var sources = new List<PingSourceResource>();
        var services = new List<ServiceResource>();
        bool defaultBrokerByLabel = false;

        foreach (RawResource doc in documents)
        {
            YamlNodeReader r = doc.Reader;
            if (doc.Kind == "Namespace")
            {
                // The seed's `kubectl label namespace default knative-eventing-injection=enabled`, written as a manifest.
                defaultBrokerByLabel |= doc.Metadata.Labels.TryGetValue("knative-eventing-injection", out string? v) && v == "enabled";
                defaultBrokerByLabel |= doc.Metadata.Labels.TryGetValue("eventing.knative.dev/injection", out string? v2) && v2 == "enabled";
                continue;
            }

            if (!ResourceKind.ApiVersions.TryGetValue(doc.Kind, out string[]? versions))
            {
                r.Error(YamlNodeReader.Child(doc.Root, "kind"), "kind", $"unknown kind '{doc.Kind}'{Spelling.DidYouMean(doc.Kind, ResourceKind.ApiVersions.Keys)} (supported: {string.Join(", ", ResourceKind.ApiVersions.Keys)}, Namespace)");
                continue;
            }

            if (!versions.Contains(doc.ApiVersion, StringComparer.Ordinal))
            {
                r.Error(YamlNodeReader.Child(doc.Root, "apiVersion"), "apiVersion", $"'{doc.ApiVersion}' is not an apiVersion of {doc.Kind} (expected one of: {string.Join(", ", versions)})");
                continue;
            }

            YamlMappingNode? spec = r.Mapping(YamlNodeReader.Child(doc.Root, "spec"), "spec");
            switch (doc.Kind)
            {
                case ResourceKind.Sequence:
                    if (ReadSequence(doc, spec) is { } sequence)
                    {
                        sequences.Add(sequence);
                    }

                    break;
                case ResourceKind.Broker:
                    brokers.Add(ReadBroker(doc, spec));
                    break;
                case ResourceKind.Trigger:
                    if (ReadTrigger(doc, spec) is { } trigger)
                    {
                        triggers.Add(trigger);
                    }

                    break;
                case ResourceKind.PingSource:
                case ResourceKind.CronJobSource:
                    if (ReadSource(doc, spec) is { } source)
                    {
                        sources.Add(source);
                    }

                    break;
                case ResourceKind.Service:
                    if (ReadService(doc, spec) is { } service)
                    {
                        services.Add(service);
                    }

                    break;
            }
        }

        CheckDuplicates(documents, diagnostics);
        if (defaultBrokerByLabel || ReferencesDefaultBroker(sequences, triggers, sources))
        {
            if (!brokers.Any(b => b.Name == BrokerResource.DefaultName))
            {
                brokers.Add(new BrokerResource(ResourceMetadata.Named(BrokerResource.DefaultName), null, Implied: true));
            }
        }

        var set = new ManifestSet(
            sequences.DistinctBy(s => s.Name),
            brokers.DistinctBy(b => b.Name),
            triggers,
            sources,
            services.DistinctBy(s => s.Name));
        ManifestValidator.Validate(set, references, diagnostics);
        IReadOnlyList<ManifestDiagnostic> ordered = diagnostics
            .OrderBy(d => d.Severity)
            .ThenBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ToList();
        return new ManifestLoadResult(set, ordered);
    }

    private static bool ReferencesDefaultBroker(List<SequenceResource> sequences, List<TriggerResource> triggers, List<PingSourceResource> sources)
    {
        static bool IsDefault(Destination? d) => d?.Ref is { Kind: ResourceKind.Broker, Name: BrokerResource.DefaultName };
        return sequences.Any(s => IsDefault(s.Reply) || s.Steps.Any(st => IsDefault(st.Delivery?.DeadLetterSink)))
            || triggers.Any(t => t.Broker == BrokerResource.DefaultName || IsDefault(t.Subscriber))
            || sources.Any(s => IsDefault(s.Sink));
    }

    private static void CheckDuplicates(List<RawResource> documents, List<ManifestDiagnostic> diagnostics)
    {
        foreach (IGrouping<(string Kind, string Name), RawResource> group in documents.GroupBy(d => (d.Kind, d.Metadata.Name)).Where(g => g.Count() > 1))
        {
            RawResource first = group.First();
            foreach (RawResource again in group.Skip(1))
            {
                again.Reader.Error(again.Root, "metadata.name", $"{group.Key.Kind} '{group.Key.Name}' is declared twice (first at {first.Metadata.Location}); names must be unique per kind");
            }
        }
    }

    private SequenceResource? ReadSequence(RawResource doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", "is required: a Sequence needs spec.steps");
            return null;
        }

        r.CheckKeys(spec, "spec", "steps", "channelTemplate", "reply");
        var steps = new List<SequenceStep>();
        YamlSequenceNode? stepNodes = r.Sequence(YamlNodeReader.Child(spec, "steps"), "spec.steps");
        if (stepNodes is null || stepNodes.Children.Count == 0)
        {
            r.Error(YamlNodeReader.Child(spec, "steps") ?? spec, "spec.steps", "a Sequence needs at least one step");
        }
        else
        {
            for (int i = 0; i < stepNodes.Children.Count; i++)
            {
                string path = $"spec.steps[{i}]";
                YamlMappingNode? stepMap = r.Mapping(stepNodes.Children[i], path);
                if (stepMap is null)
                {
                    r.Error(stepNodes.Children[i], path, "a step needs a ref or a uri");
                    continue;
                }

                Destination? destination = ReadDestination(r, stepMap, path, extraFields: ["delivery"]);
                DeliverySpec? delivery = ReadDelivery(r, YamlNodeReader.Child(stepMap, "delivery"), $"{path}.delivery");
                if (destination is not null)
                {
                    steps.Add(new SequenceStep(destination, delivery));
                }
            }
        }

        ObjectReference? channel = null;
        if (r.Mapping(YamlNodeReader.Child(spec, "channelTemplate"), "spec.channelTemplate") is { } channelMap)
        {
            r.CheckKeys(channelMap, "spec.channelTemplate", "apiVersion", "kind", "spec");
            channel = new ObjectReference(
                r.Scalar(channelMap, "apiVersion", "spec.channelTemplate") ?? string.Empty,
                r.Scalar(channelMap, "kind", "spec.channelTemplate", required: true) ?? string.Empty,
                string.Empty);
        }

        Destination? reply = null;
        if (r.Mapping(YamlNodeReader.Child(spec, "reply"), "spec.reply") is { } replyMap)
        {
            reply = ReadDestinationOrRef(r, replyMap, "spec.reply");
        }

        CheckpointMode checkpoint = defaultCheckpoint;
        if (doc.Metadata.Annotations.TryGetValue(SequenceResource.CheckpointAnnotation, out string? mode))
        {
            if (!Enum.TryParse(mode, ignoreCase: true, out checkpoint) || !Enum.IsDefined(checkpoint))
            {
                r.Error(YamlNodeReader.Child(r.Mapping(YamlNodeReader.Child(doc.Root, "metadata"), "metadata"), "annotations"),
                    $"metadata.annotations.{SequenceResource.CheckpointAnnotation}", $"'{mode}' is not a checkpoint mode (expected step or sequence)");
            }
        }

        return new SequenceResource(doc.Metadata, steps, reply, channel, checkpoint);
    }

    private static BrokerResource ReadBroker(RawResource doc, YamlMappingNode? spec)
    {
        DeliverySpec? delivery = null;
        if (spec is not null)
        {
            doc.Reader.CheckKeys(spec, "spec", "config", "delivery", "channelTemplateSpec");
            delivery = ReadDelivery(doc.Reader, YamlNodeReader.Child(spec, "delivery"), "spec.delivery");
        }

        return new BrokerResource(doc.Metadata, delivery, Implied: false);
    }

    private static TriggerResource? ReadTrigger(RawResource doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        if (spec is null)
        {
            r.Error(doc.Root, "spec", "is required: a Trigger needs spec.subscriber");
            return null;
        }

        r.CheckKeys(spec, "spec", "broker", "filter", "filters", "subscriber", "delivery");

        // v1alpha1 and v1 both default an unnamed broker to "default".
        string broker = r.Scalar(spec, "broker", "spec") ?? BrokerResource.DefaultName;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Mapping(YamlNodeReader.Child(spec, "filter"), "spec.filter") is { } filterMap)
        {
            r.CheckKeys(filterMap, "spec.filter", "attributes", "sourceAndType");
            foreach ((string k, string v) in r.StringMap(filterMap, "attributes", "spec.filter"))
            {
                attributes[k] = v;
            }

            // The seed's dialect: sourceAndType.type/source, where "Any" or "" meant no constraint.
            if (r.Mapping(YamlNodeReader.Child(filterMap, "sourceAndType"), "spec.filter.sourceAndType") is { } sat)
            {
                r.CheckKeys(sat, "spec.filter.sourceAndType", "type", "source");
                foreach (string key in new[] { "type", "source" })
                {
                    if (r.Scalar(sat, key, "spec.filter.sourceAndType") is { Length: > 0 } value && value != "Any")
                    {
                        attributes[key] = value;
                    }
                }
            }

            foreach ((string name, _) in attributes)
            {
                if (!IsAttributeName(name))
                {
                    r.Error(YamlNodeReader.Child(filterMap, "attributes"), $"spec.filter.attributes.{name}", "attribute names are lower-case letters and digits, starting with a letter (^[a-z][a-z0-9]*$)");
                }
            }
        }

        IEventFilter filter = new AttributesFilter(attributes);
        if (r.Sequence(YamlNodeReader.Child(spec, "filters"), "spec.filters") is { Children.Count: > 0 } filters)
        {
            // A non-empty filters list overrides filter; an empty one does not.
            filter = new AllFilter(filters.Children.Select((node, i) => ReadFilterDialect(r, node, $"spec.filters[{i}]")).ToList());
        }

        YamlMappingNode? subscriberMap = r.Mapping(YamlNodeReader.Child(spec, "subscriber"), "spec.subscriber");
        if (subscriberMap is null)
        {
            r.Error(spec, "spec.subscriber", "is required: where matching events go (a ref or a uri)");
            return null;
        }

        Destination? subscriber = ReadDestinationOrRef(r, subscriberMap, "spec.subscriber");
        DeliverySpec? delivery = ReadDelivery(r, YamlNodeReader.Child(spec, "delivery"), "spec.delivery");
        return subscriber is null ? null : new TriggerResource(doc.Metadata, broker, filter, attributes, subscriber, delivery);
    }

    private static IEventFilter ReadFilterDialect(YamlNodeReader r, YamlNode node, string path)
    {
        YamlMappingNode? map = r.Mapping(node, path);
        if (map is null || map.Children.Count != 1)
        {
            r.Error(node, path, "each filter has exactly one dialect: exact, prefix, suffix, all, any, not or cesql");
            return new AllFilter([]);
        }

        string[] dialects = ["exact", "prefix", "suffix", "all", "any", "not", "cesql"];
        r.CheckKeys(map, path, dialects);
        (YamlNode keyNode, YamlNode value) = map.Children.First();
        string dialect = ((YamlScalarNode)keyNode).Value ?? string.Empty;
        string field = $"{path}.{dialect}";
        switch (dialect)
        {
            case "exact":
            case "prefix":
            case "suffix":
                var values = r.StringMap(map, dialect, path);
                var match = dialect == "exact" ? StringMatch.Exact : dialect == "prefix" ? StringMatch.Prefix : StringMatch.Suffix;
                return new StringMatchFilter(match, values);
            case "all":
            case "any":
                var list = (r.Sequence(value, field)?.Children ?? []).Select((n, i) => ReadFilterDialect(r, n, $"{field}[{i}]")).ToList();
                return dialect == "all" ? new AllFilter(list) : new AnyFilter(list);
            case "not":
                return new NotFilter(ReadFilterDialect(r, value, field));
            case "cesql":
                r.Error(value, field, "CESQL filters are not supported yet; use exact, prefix, suffix, all, any or not");
                return new AllFilter([]);
            default:
                return new AllFilter([]);
        }
    }

    private static PingSourceResource? ReadSource(RawResource doc, YamlMappingNode? spec)
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

        Destination? sink = ReadDestinationOrRef(r, sinkMap, "spec.sink");
        // The seed's CronJobSource always sent JSON; PingSource leaves it to contentType.
        string? contentType = r.Scalar(spec, "contentType", "spec") ?? (doc.Kind == ResourceKind.CronJobSource ? "application/json" : null);
        return sink is null ? null : new PingSourceResource(doc.Metadata, doc.Kind, schedule, timezone, contentType, payload, sink, overrides);
    }

    private ServiceResource? ReadService(RawResource doc, YamlMappingNode? spec)
    {
        YamlNodeReader r = doc.Reader;
        string? image = null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec is not null)
        {
            r.CheckKeys(spec, "spec", "template", "traffic", "runLatest", "release", "pinned", "manual");
            if (r.Mapping(YamlNodeReader.Child(spec, "template"), "spec.template") is { } template)
            {
                r.CheckKeys(template, "spec.template", "metadata", "spec");
                if (r.Mapping(YamlNodeReader.Child(template, "spec"), "spec.template.spec") is { } podSpec)
                {
                    r.CheckKeys(podSpec, "spec.template.spec", "containers", "containerConcurrency", "timeoutSeconds", "serviceAccountName", "volumes", "imagePullSecrets", "enableServiceLinks", "responseStartTimeoutSeconds", "idleTimeoutSeconds", "nodeSelector", "tolerations", "affinity");
                    if (r.Sequence(YamlNodeReader.Child(podSpec, "containers"), "spec.template.spec.containers") is { Children.Count: > 0 } containers)
                    {
                        (image, env) = ReadContainer(r, containers.Children[0], "spec.template.spec.containers[0]");
                    }
                }
            }
        }

        string? stepName = doc.Metadata.Annotations.GetValueOrDefault(ServiceResource.StepAnnotation);
        string? urlText = doc.Metadata.Annotations.GetValueOrDefault(ServiceResource.UrlAnnotation);
        YamlNode? annotations = YamlNodeReader.Child(r.Mapping(YamlNodeReader.Child(doc.Root, "metadata"), "metadata"), "annotations");
        if (stepName is not null)
        {
            if (inAppSteps.Count > 0 && !inAppSteps.Contains(stepName, StringComparer.Ordinal))
            {
                r.Error(annotations, $"metadata.annotations.{ServiceResource.StepAnnotation}", $"no in-app step is registered as '{stepName}'{Spelling.DidYouMean(stepName, inAppSteps)} (registered: {string.Join(", ", inAppSteps)})");
            }

            return new ServiceResource(doc.Metadata, ServiceRuntime.InApp, image, env, stepName, null);
        }

        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                r.Error(annotations, $"metadata.annotations.{ServiceResource.UrlAnnotation}", $"'{urlText}' is not an absolute http(s) URL");
                return null;
            }

            return new ServiceResource(doc.Metadata, ServiceRuntime.Http, image, env, null, url);
        }

        if (image is null)
        {
            if (spec is not null)
            {
                r.Error(spec, "spec.template.spec.containers", "a Service needs a container image (or the annotation " + ServiceResource.UrlAnnotation + " saying where it is served)");
            }
            else
            {
                r.Error(doc.Root, "spec", "is required: a Service needs spec.template.spec.containers");
            }

            return null;
        }

        if (BuiltInImages.IsDisplay(image))
        {
            return new ServiceResource(doc.Metadata, ServiceRuntime.Display, image, env, null, null);
        }

        if (BuiltInImages.IsAppender(image))
        {
            if (!env.TryGetValue("STEP", out string? step) || !int.TryParse(step, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                r.Error(spec, "spec.template.spec.containers[0].env", $"the step image needs env STEP set to a whole number (found '{step ?? "nothing"}')");
                return null;
            }

            return new ServiceResource(doc.Metadata, ServiceRuntime.Appender, image, env, null, null);
        }

        r.Error(spec, "spec.template.spec.containers[0].image",
            $"image '{image}' cannot run here: only the seed's step and event_display images are built in. " +
            $"Say where this Service is served with the annotation {ServiceResource.UrlAnnotation}: http://..., " +
            $"or bind it to a C# step with {ServiceResource.StepAnnotation}: <name>");
        return null;
    }

    private static (string? Image, Dictionary<string, string> Env) ReadContainer(YamlNodeReader r, YamlNode node, string path)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlMappingNode? container = r.Mapping(node, path);
        if (container is null)
        {
            return (null, env);
        }

        r.CheckKeys(container, path, ContainerFields);
        string? image = r.Scalar(container, "image", path, required: true);
        if (r.Sequence(YamlNodeReader.Child(container, "env"), $"{path}.env") is { } envList)
        {
            for (int i = 0; i < envList.Children.Count; i++)
            {
                string envPath = $"{path}.env[{i}]";
                if (r.Mapping(envList.Children[i], envPath) is { } item)
                {
                    r.CheckKeys(item, envPath, "name", "value", "valueFrom");
                    string? name = r.Scalar(item, "name", envPath, required: true);
                    if (name is not null)
                    {
                        env[name] = r.Scalar(item, "value", envPath) ?? string.Empty;
                    }
                }
            }
        }

        return (image, env);
    }

    /// <summary>A destination written either as <c>{ref: {...}}</c>/<c>{uri: ...}</c> or, as in the seed, as the ref's fields inline.</summary>
    private static Destination? ReadDestinationOrRef(YamlNodeReader r, YamlMappingNode map, string path)
    {
        bool inlineRef = YamlNodeReader.Child(map, "kind") is not null || YamlNodeReader.Child(map, "name") is not null;
        return inlineRef ? ReadRef(r, map, path) is { } reference ? new Destination(reference, null) : null : ReadDestination(r, map, path, []);
    }

    private static Destination? ReadDestination(YamlNodeReader r, YamlMappingNode map, string path, string[] extraFields)
    {
        r.CheckKeys(map, path, [.. DestinationFields, .. extraFields]);
        YamlMappingNode? refMap = r.Mapping(YamlNodeReader.Child(map, "ref"), $"{path}.ref");
        string? uriText = r.Scalar(map, "uri", path);
        ObjectReference? reference = refMap is null ? null : ReadRef(r, refMap, $"{path}.ref");
        Uri? uri = null;
        if (uriText is not null)
        {
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                r.Error(YamlNodeReader.Child(map, "uri"), $"{path}.uri", $"'{uriText}' is not an absolute http(s) URL");
                return null;
            }
        }

        if (reference is null && uri is null)
        {
            if (refMap is null)
            {
                r.Error(map, path, "needs a ref (apiVersion, kind, name) or a uri");
            }

            return null;
        }

        if (reference is not null && uri is not null)
        {
            r.Error(map, path, "has both a ref and a uri; give one of them");
            return null;
        }

        return new Destination(reference, uri);
    }

    private static ObjectReference? ReadRef(YamlNodeReader r, YamlMappingNode map, string path)
    {
        r.CheckKeys(map, path, RefFields);
        string? kind = r.Scalar(map, "kind", path, required: true);
        string? name = r.Scalar(map, "name", path, required: true);
        string apiVersion = r.Scalar(map, "apiVersion", path) ?? string.Empty;
        if (kind is null || name is null)
        {
            return null;
        }

        var reference = new ObjectReference(apiVersion, kind, name);
        // Point at the name: that is what a reader fixes when the target does not exist.
        r.References.Add(new ReferenceUse(reference, r.At(YamlNodeReader.Child(map, "name") ?? map), r.Resource, path));
        return reference;
    }

    private static DeliverySpec? ReadDelivery(YamlNodeReader r, YamlNode? node, string path)
    {
        YamlMappingNode? map = r.Mapping(node, path);
        if (map is null)
        {
            return null;
        }

        r.CheckKeys(map, path, DeliveryFields);
        int? retry = null;
        if (r.Scalar(map, "retry", path) is { } retryText)
        {
            if (int.TryParse(retryText, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                retry = n;
            }
            else
            {
                r.Error(YamlNodeReader.Child(map, "retry"), $"{path}.retry", $"'{retryText}' is not a whole number ≥ 0");
            }
        }

        var policy = BackoffPolicy.Exponential;
        if (r.Scalar(map, "backoffPolicy", path) is { } policyText)
        {
            if (policyText == "linear")
            {
                policy = BackoffPolicy.Linear;
            }
            else if (policyText != "exponential")
            {
                r.Error(YamlNodeReader.Child(map, "backoffPolicy"), $"{path}.backoffPolicy", $"'{policyText}' is not a back-off policy (expected linear or exponential)");
            }
        }

        TimeSpan? Duration(string key)
        {
            if (r.Scalar(map, key, path) is not { } text)
            {
                return null;
            }

            try
            {
                TimeSpan value = XmlConvert.ToTimeSpan(text);
                if (value > TimeSpan.Zero)
                {
                    return value;
                }
            }
            catch (FormatException)
            {
            }

            r.Error(YamlNodeReader.Child(map, key), $"{path}.{key}", $"'{text}' is not a positive ISO-8601 duration (e.g. PT0.2S, PT10S, PT1M)");
            return null;
        }

        TimeSpan? delay = Duration("backoffDelay");
        TimeSpan? timeout = Duration("timeout");
        Destination? deadLetter = null;
        if (r.Mapping(YamlNodeReader.Child(map, "deadLetterSink"), $"{path}.deadLetterSink") is { } dls)
        {
            deadLetter = ReadDestinationOrRef(r, dls, $"{path}.deadLetterSink");
        }

        return new DeliverySpec(retry, policy, delay, timeout, deadLetter);
    }

    private static bool IsAttributeName(string name) =>
        name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private sealed record RawResource(string ApiVersion, string Kind, ResourceMetadata Metadata, YamlMappingNode Root, YamlNodeReader Reader);
}
