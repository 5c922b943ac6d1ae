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
        Assert.Contains("Knative accepts the Trigger, but its broker fails the request", warning.Message, StringComparison.Ordinal);
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
}
