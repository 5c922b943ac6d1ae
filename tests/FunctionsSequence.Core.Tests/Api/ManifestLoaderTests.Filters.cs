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

    [Theory]
    [InlineData("[{exact: {}}]", "spec.filters[0].exact")]
    [InlineData("[{prefix: {}}]", "spec.filters[0].prefix")]
    [InlineData("[{suffix: {}}]", "spec.filters[0].suffix")]
    [InlineData("[{all: []}]", "spec.filters[0].all")]
    [InlineData("[{any: []}]", "spec.filters[0].any")]
    [InlineData("[{not: {exact: {}}}]", "spec.filters[0].not.exact")]
    public void A_dialect_left_empty_is_accepted_as_in_Knative_and_warned_to_check_nothing(string filters, string field)
    {
        ManifestLoadResult result = Manifests.Load(FiltersTrigger(filters));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, field), (warning.Severity, warning.Field));
        Assert.Contains("checks nothing", warning.Message, StringComparison.Ordinal);
        Assert.NotEqual(FilterResult.Fail, result.EnsureValid().Triggers[0].Filter.Evaluate(TypeA));
    }

    [Theory]
    [InlineData("exact")]
    [InlineData("prefix")]
    [InlineData("suffix")]
    public void A_string_match_with_an_empty_value_is_skipped_as_Knative_s_broker_does_and_warned_about(string dialect)
    {
        string yaml = FiltersTrigger($$"""

              - {{dialect}}:
                  type: b
                  myext: ""
              - exact: { source: "urn:s" }
            """);

        ManifestLoadResult result = Manifests.Load(yaml);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, $"spec.filters[0].{dialect}.myext", LineOf(yaml, "myext:")), (warning.Severity, warning.Field, warning.Location.Line));
        Assert.Contains("EXISTS myext", warning.Message, StringComparison.Ordinal);
        IEventFilter filter = result.EnsureValid().Triggers[0].Filter;
        Assert.Equal(FilterResult.Pass, filter.Evaluate(TypeA));
        Assert.Equal(FilterResult.Fail, filter.Evaluate(new CloudEvent { Id = "2", Source = new Uri("urn:other"), Type = "b" }));
    }

    [Fact]
    public void A_string_match_with_an_empty_value_is_still_a_dialect_for_the_one_dialect_rule()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(FiltersTrigger("""[{exact: {type: ""}, prefix: {type: a}}]""")));

        Assert.Equal("spec.filters[0]", error.Field);
        Assert.Contains("sets 2 dialects (exact, prefix)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{not: {}, cesql: 'true'}]", "(not, cesql)")]
    [InlineData("[{all: [{exact: {type: a}}], any: [{exact: {type: a}}]}]", "(all, any)")]
    [InlineData("[{any: [{suffix: {type: a}, exact: {type: a}}]}]", "(suffix, exact)")]
    public void More_than_one_dialect_set_in_one_filter_is_an_error(string filters, string dialects)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(FiltersTrigger(filters)));

        Assert.Contains(dialects, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{exact: {type: a}, prefix: {}}]")]
    [InlineData("[{not: null, cesql: \"type = 'a'\"}]")]
    public void A_dialect_not_set_does_not_count_against_the_one_set(string filters)
    {
        ManifestLoadResult result = Manifests.Load(FiltersTrigger(filters));

        Assert.False(result.HasErrors);
        Assert.Equal(FilterResult.Pass, result.EnsureValid().Triggers[0].Filter.Evaluate(TypeA));
    }

    [Fact]
    public void An_exact_filter_with_more_than_one_attribute_needs_them_all_as_in_Knative()
    {
        IEventFilter filter = Manifests.Load(FiltersTrigger("[{exact: {type: a, source: 'urn:s'}}]")).EnsureValid().Triggers[0].Filter;

        Assert.Equal(FilterResult.Pass, filter.Evaluate(TypeA));
        Assert.Equal(FilterResult.Fail, filter.Evaluate(new CloudEvent { Id = "2", Source = new Uri("urn:other"), Type = "a" }));
    }

    [Theory]
    [InlineData("0abc")]
    [InlineData("Type")]
    [InlineData("my_ext")]
    [InlineData("my-ext")]
    [InlineData("''")]
    public void An_attribute_name_Knative_refuses_is_an_error_in_every_dialect_that_names_attributes(string name)
    {
        foreach (string dialect in new[] { "exact", "prefix", "suffix" })
        {
            ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(FiltersTrigger($"[{{all: [{{{dialect}: {{{name}: x}}}}]}}]")));
            Assert.StartsWith($"spec.filters[0].all[0].{dialect}.", error.Field, StringComparison.Ordinal);
            Assert.Contains("^[a-z][a-z0-9]*$", error.Message, StringComparison.Ordinal);
        }

        string attributes = Manifests.Display + $$"""
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
            spec:
              broker: default
              filter:
                attributes: { {{name}}: x }
              subscriber:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """;
        Assert.StartsWith("spec.filter.attributes.", Manifests.SingleError(Manifests.Load(attributes)).Field, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("type")]
    [InlineData("ext1")]
    public void An_attribute_name_Knative_accepts_loads(string name)
    {
        Assert.Empty(Manifests.Load(FiltersTrigger($"[{{not: {{prefix: {{{name}: x}}}}}}]")).Diagnostics);
    }

    [Fact]
    public void Trigger_without_filter_whose_subscriber_replies_into_its_broker_is_warned_about()
    {
        ManifestLoadResult result = Manifests.Load(Manifests.StepService("first", 0) + """
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: loop
            spec:
              broker: default
              subscriber:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first }
            """);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("loops", warning.Message, StringComparison.Ordinal);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Filters_list_overrides_filter_and_an_empty_one_does_not()
    {
        string Trigger(string filters) => Manifests.Display + $$"""
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
            spec:
              broker: default
              filter:
                attributes:
                  type: a
              filters: {{filters}}
              subscriber:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """;

        var typeB = new CloudNative.CloudEvents.CloudEvent { Id = "1", Source = new Uri("urn:s"), Type = "b.x" };
        IEventFilter overriding = Manifests.Load(Trigger("[{prefix: {type: b}}]")).EnsureValid().Triggers[0].Filter;
        IEventFilter notOverriding = Manifests.Load(Trigger("[]")).EnsureValid().Triggers[0].Filter;

        Assert.Equal(FilterResult.Pass, overriding.Evaluate(typeB));
        Assert.Equal(FilterResult.Fail, notOverriding.Evaluate(typeB));
    }

    [Fact]
    public void A_cesql_filter_is_parsed_at_load_and_evaluated_per_event()
    {
        IEventFilter filter = Manifests.Load(CesqlTrigger("type LIKE 'dev.knative.%' AND EXISTS somekey")).EnsureValid().Triggers[0].Filter;
        var matching = new CloudNative.CloudEvents.CloudEvent { Id = "1", Source = new Uri("urn:s"), Type = "dev.knative.ping", ["somekey"] = "v" };
        var other = new CloudNative.CloudEvents.CloudEvent { Id = "2", Source = new Uri("urn:s"), Type = "dev.knative.ping" };

        Assert.Equal(FilterResult.Pass, filter.Evaluate(matching));
        Assert.Equal(FilterResult.Fail, filter.Evaluate(other));
    }

    [Fact]
    public void A_cesql_filter_that_does_not_parse_is_an_error_with_the_trigger_line_and_position_in_the_expression()
    {
        string yaml = CesqlTrigger("type = 'a' AND AND source = 'b'");
        int line = Array.FindIndex(yaml.Split('\n'), l => l.Contains("cesql:", StringComparison.Ordinal)) + 1;

        ManifestDiagnostic error = Assert.Single(Manifests.Load(yaml).Diagnostics);

        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(("Trigger/t", "spec.filters[0].cesql", line), (error.Resource, error.Field, error.Location.Line));
        Assert.Contains("column 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_evaluation_error_means_the_cesql_filter_does_not_match()
    {
        IEventFilter filter = Manifests.Load(CesqlTrigger("INT(somekey) > 3")).EnsureValid().Triggers[0].Filter;
        var notANumber = new CloudNative.CloudEvents.CloudEvent { Id = "1", Source = new Uri("urn:s"), Type = "t", ["somekey"] = "abc" };

        Assert.Equal(FilterResult.Fail, filter.Evaluate(notANumber));
    }

    private static string CesqlTrigger(string expression) => Manifests.Display + $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: t
        spec:
          broker: default
          filters:
            - cesql: "{{expression}}"
          subscriber:
            ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
        """;
}
