using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>What <c>fseq validate</c> says of a <c>cesql</c> filter that Knative's webhook accepts but that cannot do what it seems to.</summary>
public sealed partial class ManifestLoaderTests
{
    [Theory]
    [InlineData("type", "'type' is a String, not a Boolean", "(type = '...')")]
    [InlineData("'abc'", "''abc'' is a String, not a Boolean", "('abc' = '...')")]
    [InlineData("1 + 2", "'1 + 2' is an Integer, not a Boolean", "(1 + 2 <> 0)")]
    [InlineData("LOWER(source)", "'LOWER(source)' is a String, not a Boolean", "(LOWER(source) = '...')")]
    [InlineData("LENGTH(id) * 2", "'LENGTH(id) * 2' is an Integer, not a Boolean", "(LENGTH(id) * 2 <> 0)")]
    public void A_cesql_value_that_is_not_a_Boolean_is_warned_about_with_what_it_is(string expression, string what, string condition)
    {
        string yaml = CesqlTrigger(expression);

        ManifestLoadResult result = Manifests.Load(yaml);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "Trigger/t", "spec.filters[0].cesql", LineOf(yaml, "cesql:")), (warning.Severity, warning.Resource, warning.Field, warning.Location.Line));
        Assert.StartsWith(what, warning.Message, StringComparison.Ordinal);
        Assert.Contains("so this filter passes no event", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Knative accepts the Trigger, but its channel-based broker fails the request", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith(condition, warning.Message, StringComparison.Ordinal);
        Assert.Equal(FilterResult.Aborted, result.EnsureValid().Triggers[0].Filter.Evaluate(TypeA));
    }

    [Fact]
    public void A_cesql_value_that_is_not_a_Boolean_is_warned_about_in_a_not_and_lets_no_event_through()
    {
        string yaml = FiltersTrigger("""[{any: [{not: {cesql: "type"}}, {exact: {type: a}}]}]""");

        ManifestLoadResult result = Manifests.Load(yaml);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.filters[0].any[0].not.cesql", warning.Field);
        Assert.False(result.EnsureValid().Triggers[0].Filter.Matches(TypeA));
    }

    [Theory]
    [InlineData("type = 'a'")]
    [InlineData("TRUE")]
    [InlineData("myext")] // an extension may be a Boolean: Knative's engine passes the event when it is true
    [InlineData("BOOL(myext) AND IS_INT(myext)")]
    [InlineData("(EXISTS subject)")]
    public void A_cesql_condition_or_an_extension_of_any_type_is_not_warned_about(string expression)
    {
        Assert.Empty(Manifests.Load(CesqlTrigger(expression)).Diagnostics);
    }

    [Fact]
    public void A_cesql_call_no_function_takes_is_warned_about_once_not_also_as_a_value_that_is_not_a_Boolean()
    {
        ManifestDiagnostic warning = Assert.Single(Manifests.Load(CesqlTrigger("FOO(type)")).Diagnostics);

        Assert.StartsWith("FOO is not a CloudEvents SQL function", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("typ LIKE 'a%'", "'typ' (at column 1) is not a CloudEvents context attribute; did you mean 'type'?")]
    [InlineData("sourc = 'x'", "'sourc' (at column 1) is not a CloudEvents context attribute; did you mean 'source'?")]
    [InlineData("type = 'a' AND subjet = 'y'", "'subjet' (at column 16) is not a CloudEvents context attribute; did you mean 'subject'?")]
    [InlineData("EXISTS tpye", "'tpye' (at column 8) is not a CloudEvents context attribute; did you mean 'type'?")]
    [InlineData("type = 'a'\\n OR sbuject = 'y'", "'sbuject' (at line 2, column 5) is not a CloudEvents context attribute; did you mean 'subject'?")]
    [InlineData("datacontentype = 'text/plain'", "did you mean 'datacontenttype'?")]
    [InlineData("specverison = '1.0'", "did you mean 'specversion'?")]
    [InlineData("DataSchma = 'x'", "'dataschma' (at column 1) is not a CloudEvents context attribute; did you mean 'dataschema'?")]
    [InlineData("tipe = 'x'", "did you mean 'type' or 'time'?")]
    public void A_cesql_name_a_typo_from_a_context_attribute_is_warned_about_with_where_it_is(string expression, string message)
    {
        string yaml = CesqlTrigger(expression);

        ManifestLoadResult result = Manifests.Load(yaml);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "Trigger/t", "spec.filters[0].cesql", LineOf(yaml, "cesql:")), (warning.Severity, warning.Resource, warning.Field, warning.Location.Line));
        Assert.Contains(message, warning.Message, StringComparison.Ordinal);
        Assert.Contains("Knative accepts it as the name of an extension, and an event without that extension fails this filter", warning.Message, StringComparison.Ordinal);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void A_cesql_typo_written_twice_in_one_expression_is_warned_about_once_and_in_a_nested_filter_at_its_field()
    {
        ManifestDiagnostic warning = Assert.Single(Manifests.Load(FiltersTrigger("""[{all: [{not: {cesql: "typ = 'a' OR typ = 'b'"}}]}]""")).Diagnostics);

        Assert.Equal("spec.filters[0].all[0].not.cesql", warning.Field);
        Assert.Contains("'typ' (at column 1)", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("region = 'eu'")]
    [InlineData("myext = 'x'")]
    [InlineData("knativeerrorcode = '500'")]
    [InlineData("EXISTS knativearrivaltime")]
    [InlineData("traceparent LIKE '00-%' AND EXISTS partitionkey AND dataref <> '' AND sequence = '1'")]
    [InlineData("types = 'a' OR etype = 'a' OR sources = 'b' OR subjectid = 'c' OR timestamp = 'd'")] // names made from one
    [InlineData("ip = 'x' OR uid = 'y' OR ids = 'z'")] // one letter from id, names of their own
    [InlineData("name = 'a' OR size = 'b' OR tier = 'c' OR object = 'd'")] // two letters from time, type or subject
    [InlineData("TYPE = 'a' AND Source = 'x' AND EXISTS SubJect AND DataContentType = 'x'")] // CESQL reads names in any case
    public void A_cesql_extension_name_or_a_context_attribute_in_any_case_is_not_warned_about(string expression)
    {
        Assert.Empty(Manifests.Load(CesqlTrigger(expression)).Diagnostics);
    }

    [Theory]
    [InlineData("apiVersion: sources.knative.dev/v1\nkind: PingSource\nmetadata:\n  name: ping\nspec:\n  schedule: '* * * * *'\n  ceOverrides:\n    extensions:\n      tipe: daily\n  sink:\n    ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }")]
    [InlineData("apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: other\nspec:\n  broker: default\n  filters:\n    - exact: { tipe: daily }\n  subscriber:\n    ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }")]
    [InlineData("apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: other\nspec:\n  broker: default\n  filter:\n    attributes: { tipe: daily }\n  subscriber:\n    ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }")]
    public void A_cesql_name_the_manifests_give_events_or_filter_on_elsewhere_is_meant(string elsewhere)
    {
        Assert.Empty(Manifests.Load(CesqlTrigger("tipe = 'daily'") + "\n---\n" + elsewhere).Diagnostics);
    }
}
