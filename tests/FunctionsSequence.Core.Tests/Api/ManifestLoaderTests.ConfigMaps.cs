using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// Env from a ConfigMap of the manifests, as Kubernetes builds it: envFrom gives every key (with its prefix), env
/// wins over it, valueFrom.configMapKeyRef gives one key, whichever document comes first.
/// </summary>
public sealed partial class ManifestLoaderTests
{
    private const string AppenderConfig = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: appender-config
        data:
          MESSAGE: " - from the config map"
          TYPE: config.type
        ---

        """;

    /// <summary>The appender Service <c>appender</c>, its container's env fields as given (indented under the container).</summary>
    private static string AppenderWith(string envFields) => $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: appender
        spec:
          template:
            spec:
              containers:
                - image: gcr.io/knative-releases/knative.dev/eventing/cmd/appender
        {envFields}
        ---

        """;

    private static IReadOnlyDictionary<string, string> EnvOf(string yaml)
    {
        ManifestLoadResult result = Manifests.Load(yaml);
        Assert.Empty(result.Diagnostics);
        return result.EnsureValid().Services["appender"].Environment;
    }

    [Fact]
    public void EnvFrom_a_declared_config_map_gives_its_keys_whichever_document_comes_first()
    {
        const string EnvFrom = """
                      envFrom:
                        - configMapRef: { name: appender-config }
            """;

        Assert.Equal(" - from the config map", EnvOf(AppenderWith(EnvFrom) + AppenderConfig)["MESSAGE"]);
        Assert.Equal("config.type", EnvOf(AppenderConfig + AppenderWith(EnvFrom))["TYPE"]);
    }

    [Fact]
    public void Env_wins_over_envFrom_a_later_source_over_an_earlier_one_and_a_prefix_is_put_before_each_key()
    {
        const string Later = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: later
            data:
              TYPE: later.type
              MESSAGE: " - later"
            ---

            """;
        IReadOnlyDictionary<string, string> env = EnvOf(AppenderConfig + Later + AppenderWith("""
                      envFrom:
                        - configMapRef: { name: appender-config }
                        - configMapRef: { name: later }
                        - configMapRef: { name: appender-config }
                          prefix: CM_
                      env:
                        - { name: MESSAGE, value: " - from env" }
            """));

        Assert.Equal((" - from env", "later.type", "config.type"), (env["MESSAGE"], env["TYPE"], env["CM_TYPE"]));
    }

    [Fact]
    public void A_config_map_key_ref_gives_that_key_and_one_the_config_map_lacks_is_an_error_unless_optional()
    {
        Assert.Equal(" - from the config map", EnvOf(AppenderConfig + AppenderWith("""
                      env:
                        - name: MESSAGE
                          valueFrom: { configMapKeyRef: { name: appender-config, key: MESSAGE } }
            """))["MESSAGE"]);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(AppenderConfig + AppenderWith("""
                      env:
                        - name: MESSAGE
                          valueFrom: { configMapKeyRef: { name: appender-config, key: MESAGE } }
            """)));
        Assert.Equal("spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key", error.Field);
        Assert.StartsWith("ConfigMap 'appender-config' (test.yaml:1) has no key 'MESAGE'; did you mean 'MESSAGE'?", error.Message, StringComparison.Ordinal);

        // An optional key the ConfigMap lacks sets nothing: MESSAGE keeps what envFrom gave it, TYPE stays unset.
        IReadOnlyDictionary<string, string> optional = EnvOf(AppenderConfig + AppenderWith("""
                      envFrom:
                        - configMapRef: { name: appender-config }
                          prefix: CM_
                      env:
                        - name: CM_MESSAGE
                          valueFrom: { configMapKeyRef: { name: appender-config, key: MESAGE, optional: true } }
                        - name: MESSAGE
                          valueFrom: { configMapKeyRef: { name: appender-config, key: NONE, optional: true } }
            """));
        Assert.Equal((" - from the config map", false), (optional["CM_MESSAGE"], optional.ContainsKey("MESSAGE")));
    }

    [Theory]
    [InlineData("COUNT: 3", "is a number in YAML (3)")]
    [InlineData("RATIO: 1.5", "is a number in YAML (1.5)")]
    [InlineData("DEBUG: yes", "is a boolean in YAML (yes)")]
    [InlineData("DEBUG: off", "is a boolean in YAML (off)")]
    public void Config_map_data_and_env_values_that_YAML_reads_as_numbers_or_booleans_are_refused_as_kubectl_refuses_them(string entry, string message)
    {
        ManifestDiagnostic data = Manifests.SingleError(Manifests.Load(AppenderConfig.Replace("TYPE: config.type", entry, StringComparison.Ordinal) + AppenderWith(string.Empty)));
        Assert.Equal(("data." + entry.Split(':')[0], 7), (data.Field, data.Location.Line));
        Assert.StartsWith(message, data.Message, StringComparison.Ordinal);

        string name = entry.Split(':')[0];
        ManifestDiagnostic env = Manifests.SingleError(Manifests.Load(AppenderWith($$"""
                      env:
                        - { name: {{name}}, value: {{entry.Split(": ")[1]}} }
            """)));
        Assert.Equal("spec.template.spec.containers[0].env[0].value", env.Field);
        Assert.Contains("quote it", env.Message, StringComparison.Ordinal);

        // Quoted, or a word YAML reads as text, it is a string.
        Assert.Equal("3", EnvOf(AppenderWith("""
                      env:
                        - { name: COUNT, value: "3" }
            """))["COUNT"]);
        Assert.Equal("yess", EnvOf(AppenderWith("""
                      env:
                        - { name: DEBUG, value: yess }
            """))["DEBUG"]);
        Assert.Equal("3", EnvOf(AppenderWith("""
                      env:
                        - { name: COUNT, value: !!str 3 }
            """))["COUNT"]);
        Assert.Equal(" - from the config map", EnvOf(AppenderConfig + AppenderWith("""
                      envFrom:
                        - { configMapRef: { name: appender-config }, secretRef: null }
                      env:
                        - name: TYPE
                          valueFrom: { configMapKeyRef: { name: appender-config, key: TYPE }, secretKeyRef: null }
            """))["MESSAGE"]);
    }

    [Theory]
    [InlineData("""
                      env:
                        - name: MESSAGE
                          value: " - written"
                          valueFrom: { configMapKeyRef: { name: appender-config, key: MESSAGE } }
            """, "spec.template.spec.containers[0].env[0].valueFrom", "may not be given with a non-empty value")]
    [InlineData("""
                      env:
                        - name: MESSAGE
                          valueFrom: { configMapKeyRef: { name: appender-config, key: MESSAGE }, secretKeyRef: { name: s, key: MESSAGE } }
            """, "spec.template.spec.containers[0].env[0].valueFrom", "names 2 sources")]
    [InlineData("""
                      envFrom:
                        - configMapRef: { name: appender-config }
                          secretRef: { name: s }
            """, "spec.template.spec.containers[0].envFrom[0]", "names both configMapRef and secretRef")]
    public void An_env_source_Kubernetes_refuses_as_ambiguous_is_an_error(string envFields, string field, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(AppenderConfig + AppenderWith(envFields)));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
