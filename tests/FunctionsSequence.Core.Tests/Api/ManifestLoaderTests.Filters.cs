using CloudNative.CloudEvents;
using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>A Trigger's <c>filters</c> as Knative's webhook (trigger_validation.go) and broker (eventfilter/subscriptionsapi) read them.</summary>
public sealed partial class ManifestLoaderTests
{
    private static readonly CloudEvent TypeA = new() { Id = "1", Source = new Uri("urn:s"), Type = "a" };

    private static string FiltersTrigger(string filters) => Manifests.Display + $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: t
        spec:
          broker: default
          filters: {{filters}}
          subscriber:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """;

    private static int LineOf(string yaml, string text) => Array.FindIndex(yaml.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData("FOO(type) = 'a'", "FOO is not a CloudEvents SQL function (they are ABS, BOOL, CONCAT", "column 1")]
    [InlineData("type = 'a' OR lowr(source) = 'b'", "LOWR is not a CloudEvents SQL function; did you mean LOWER?", "column 15")]
    [InlineData("LEFT(type) = 'a'", "LEFT takes 2 arguments, not 1", "column 1")]
    [InlineData("type = 'a'\\n AND FOO(id) = 'x'", "FOO is not a CloudEvents SQL function", "line 2, column 6")]
    [InlineData("SUBSTRING(type, 1, 2, 3) = 'a'", "SUBSTRING takes 2 or 3 arguments, not 4", "column 1")]
    public void A_cesql_call_no_function_takes_is_warned_about_with_the_line_and_column(string expression, string reason, string where)
    {
        string yaml = CesqlTrigger(expression);

        ManifestLoadResult result = Manifests.Load(yaml);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(("Trigger/t", "spec.filters[0].cesql", LineOf(yaml, "cesql:")), (warning.Resource, warning.Field, warning.Location.Line));
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Contains($"(at {where})", warning.Message, StringComparison.Ordinal);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void A_cesql_filter_with_only_built_in_calls_loads_without_diagnostics()
    {
        ManifestLoadResult result = Manifests.Load(CesqlTrigger("LOWER(type) = 'a' AND LENGTH(CONCAT_WS('-', source, id)) > 2"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(FilterResult.Pass, result.EnsureValid().Triggers[0].Filter.Evaluate(TypeA));
    }
}
