using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// A container's environment as Kubernetes builds it: <c>envFrom</c> first (each ConfigMap's keys, with the prefix
/// given), then <c>env</c>, whose names win. A ConfigMap of the manifests is read, for <c>envFrom</c> and for
/// <c>valueFrom.configMapKeyRef</c>; a Secret, a field, or a ConfigMap that is not among them is not resolved here.
/// </summary>
internal sealed class ContainerEnv
{
    private static readonly string[] EnvFromFields = ["configMapRef", "secretRef", "prefix"];

    private enum KeyRef
    {
        Value,
        Unresolved,
        Skipped,
    }

    private ContainerEnv(YamlNodeReader r, YamlMappingNode container, string path, IReadOnlyDictionary<string, ConfigMapData> configMaps)
    {
        if (r.Sequence(YamlNodeReader.Child(container, "envFrom"), $"{path}.envFrom") is { } sources)
        {
            for (int i = 0; i < sources.Children.Count; i++)
            {
                ReadEnvFrom(r, sources.Children[i], $"{path}.envFrom[{i}]", configMaps);
            }
        }

        if (r.Sequence(YamlNodeReader.Child(container, "env"), $"{path}.env") is not { } envList)
        {
            return;
        }

        for (int i = 0; i < envList.Children.Count; i++)
        {
            string envPath = $"{path}.env[{i}]";
            if (r.Mapping(envList.Children[i], envPath) is not { } item)
            {
                continue;
            }

            r.CheckKeys(item, envPath, "name", "value", "valueFrom");
            if (r.Text(item, "name", envPath, required: true) is not { } name)
            {
                continue;
            }

            ValueFrom.Remove(name);
            KubernetesStrings.Check(r, YamlNodeReader.Child(item, "value"), $"{envPath}.value");
            string? written = r.Scalar(item, "value", envPath);
            if (YamlNodeReader.Child(item, "valueFrom") is not { } from || YamlNodeReader.IsNull(from))
            {
                Values[name] = written ?? string.Empty;
                continue;
            }

            if (!string.IsNullOrEmpty(written))
            {
                r.Error(from, $"{envPath}.valueFrom", "may not be given with a non-empty value, as Kubernetes refuses both: keep one");
                continue;
            }

            // A source written as null is left out, as Kubernetes leaves it out.
            if (from is YamlMappingNode sourceMap && sourceMap.Children.Count(c => !YamlNodeReader.IsNull(c.Value)) is > 1 and int count)
            {
                r.Error(from, $"{envPath}.valueFrom", $"names {count} sources, and Kubernetes takes exactly one (configMapKeyRef, secretKeyRef, fieldRef or resourceFieldRef)");
                continue;
            }

            switch (ReadKeyRef(r, from, $"{envPath}.valueFrom", configMaps, out string? value))
            {
                case KeyRef.Value:
                    Values[name] = value!;
                    break;
                case KeyRef.Unresolved:
                    Values[name] = string.Empty;
                    ValueFrom[name] = (from, $"{envPath}.valueFrom");
                    break;
                case KeyRef.Skipped:
                    break; // an optional key the ConfigMap lacks sets nothing, as the kubelet skips it
            }
        }
    }

    /// <summary>The variables with the values they get here.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The variables whose <c>valueFrom</c> is not resolved here (empty in <see cref="Values"/>), with where each is.</summary>
    public Dictionary<string, (YamlNode At, string Field)> ValueFrom { get; } = new(StringComparer.Ordinal);

    /// <summary>The first <c>envFrom</c> source not resolved here (a Secret, a ConfigMap not in the manifests), if any.</summary>
    public YamlNode? Unresolved { get; private set; }

    public static ContainerEnv Read(YamlNodeReader r, YamlMappingNode container, string path, IReadOnlyDictionary<string, ConfigMapData> configMaps)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ContainerEnv(r, container, path, configMaps);
    }

    private void ReadEnvFrom(YamlNodeReader r, YamlNode node, string path, IReadOnlyDictionary<string, ConfigMapData> configMaps)
    {
        if (r.Mapping(node, path) is not { } source)
        {
            return;
        }

        r.CheckKeys(source, path, EnvFromFields);
        string prefix = r.Text(source, "prefix", path) ?? string.Empty;
        if (YamlNodeReader.Child(source, "configMapRef") is { } map && !YamlNodeReader.IsNull(map)
            && YamlNodeReader.Child(source, "secretRef") is { } secret && !YamlNodeReader.IsNull(secret))
        {
            r.Error(source, path, "names both configMapRef and secretRef, and Kubernetes takes one source per envFrom entry: split it in two");
            return;
        }

        YamlMappingNode? reference = r.Mapping(YamlNodeReader.Child(source, "configMapRef"), $"{path}.configMapRef");
        if (reference is not null)
        {
            r.CheckKeys(reference, $"{path}.configMapRef", "name", "optional");
        }

        if (reference is not null
            && r.Text(reference, "name", $"{path}.configMapRef", required: true) is { } name
            && configMaps.TryGetValue(name, out ConfigMapData? configMap))
        {
            // As Kubernetes: a later source's key replaces an earlier one's.
            foreach ((string key, string value) in configMap.Data)
            {
                Values[prefix + key] = value;
            }

            return;
        }

        Unresolved ??= source;
    }

    /// <summary>
    /// What a <c>configMapKeyRef</c> gives, from a ConfigMap of the manifests: its value; unresolved when it names none
    /// of them or is another kind of source; skipped for an optional key the ConfigMap lacks. A key it lacks otherwise
    /// is an error, as Kubernetes would not start the pod.
    /// </summary>
    private static KeyRef ReadKeyRef(YamlNodeReader r, YamlNode from, string path, IReadOnlyDictionary<string, ConfigMapData> configMaps, out string? value)
    {
        value = null;
        if (from is not YamlMappingNode map || YamlNodeReader.Child(map, "configMapKeyRef") is not YamlMappingNode keyRef)
        {
            return KeyRef.Unresolved;
        }

        string field = $"{path}.configMapKeyRef";
        r.CheckKeys(keyRef, field, "name", "key", "optional");
        string? name = r.Text(keyRef, "name", field);
        string? key = r.Text(keyRef, "key", field);
        if (name is null || key is null || !configMaps.TryGetValue(name, out ConfigMapData? configMap))
        {
            return KeyRef.Unresolved;
        }

        if (configMap.Data.TryGetValue(key, out value))
        {
            return KeyRef.Value;
        }

        if (r.Scalar(keyRef, "optional", field) != "true")
        {
            r.Error(YamlNodeReader.Child(keyRef, "key"), $"{field}.key",
                $"ConfigMap '{name}' ({configMap.Location}) has no key '{key}'{Spelling.DidYouMean(key, configMap.Data.Keys)}: Kubernetes would not start the pod");
        }

        return KeyRef.Skipped;
    }
}
