using CloudNative.CloudEvents;
using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Filtering.Cesql;
using FunctionsSequence.Core.Manifests;

namespace FunctionsSequence.Core.Tests.Filtering;

/// <summary>knative/eventing's all, any, not, CESQL and Trigger-level filter tests, ported case by case.</summary>
public sealed partial class KnativeFilterPortTests
{
    // ---- pkg/eventfilter/subscriptionsapi: all, any, not, no filter ----

    private sealed class Fixed(FilterResult result) : IEventFilter
    {
        public FilterResult Evaluate(CloudEvent cloudEvent) => result;
    }

    /// <summary>
    /// A filter tree in a small notation: P(ass), F(ail), N(oFilter), All(...), Any(...), Not(...).
    /// </summary>
    private static IEventFilter Tree(string text)
    {
        int i = 0;
        IEventFilter result = Node();
        Assert.Equal(text.Length, i);
        return result;

        IEventFilter Node()
        {
            foreach ((string word, Func<List<IEventFilter>, IEventFilter> make) in new (string, Func<List<IEventFilter>, IEventFilter>)[]
            {
                ("All(", l => new AllFilter(l)),
                ("Any(", l => new AnyFilter(l)),
                ("Not(", l => new NotFilter(Assert.Single(l))),
            })
            {
                if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0)
                {
                    i += word.Length;
                    var children = new List<IEventFilter>();
                    while (text[i] != ')')
                    {
                        children.Add(Node());
                        if (text[i] == ',')
                        {
                            i++;
                        }
                    }

                    i++;
                    return make(children);
                }
            }

            return new Fixed(text[i++] switch { 'P' => FilterResult.Pass, 'F' => FilterResult.Fail, _ => FilterResult.NoFilter });
        }
    }

    [Theory]
    // all_filter_test.go TestAllFilter_Flat
    [InlineData("All()", FilterResult.NoFilter)]
    [InlineData("All(P)", FilterResult.Pass)]
    [InlineData("All(F)", FilterResult.Fail)]
    [InlineData("All(P,F)", FilterResult.Fail)]
    [InlineData("All(P,P)", FilterResult.Pass)]
    [InlineData("All(F,F)", FilterResult.Fail)]
    // all_filter_test.go TestAllFilter_WithNestedAll
    [InlineData("All(All(P))", FilterResult.Pass)]
    [InlineData("All(All(F))", FilterResult.Fail)]
    [InlineData("All(P,All(F))", FilterResult.Fail)]
    [InlineData("All(P,All(P))", FilterResult.Pass)]
    [InlineData("All(F,All(F))", FilterResult.Fail)]
    [InlineData("All(F,All(P))", FilterResult.Fail)]
    [InlineData("All(P,All(P,F))", FilterResult.Fail)]
    [InlineData("All(P,All(P,P))", FilterResult.Pass)]
    [InlineData("All(P,All(F,F))", FilterResult.Fail)]
    [InlineData("All(F,All(P,F))", FilterResult.Fail)]
    [InlineData("All(F,All(P,P))", FilterResult.Fail)]
    [InlineData("All(F,All(F,F))", FilterResult.Fail)]
    // any_filter_test.go TestAnyFilter_Flat
    [InlineData("Any()", FilterResult.NoFilter)]
    [InlineData("Any(P)", FilterResult.Pass)]
    [InlineData("Any(F)", FilterResult.Fail)]
    [InlineData("Any(P,F)", FilterResult.Pass)]
    [InlineData("Any(P,P)", FilterResult.Pass)]
    [InlineData("Any(F,F)", FilterResult.Fail)]
    // any_filter_test.go TestAnyFilter_WithNestedAny
    [InlineData("Any(Any(P))", FilterResult.Pass)]
    [InlineData("Any(Any(F))", FilterResult.Fail)]
    [InlineData("Any(P,Any(F))", FilterResult.Pass)]
    [InlineData("Any(P,Any(P))", FilterResult.Pass)]
    [InlineData("Any(F,Any(F))", FilterResult.Fail)]
    [InlineData("Any(F,Any(P))", FilterResult.Pass)]
    [InlineData("Any(P,Any(P,F))", FilterResult.Pass)]
    [InlineData("Any(P,Any(P,P))", FilterResult.Pass)]
    [InlineData("Any(P,Any(F,F))", FilterResult.Pass)]
    [InlineData("Any(F,Any(P,F))", FilterResult.Pass)]
    [InlineData("Any(F,Any(P,P))", FilterResult.Pass)]
    [InlineData("Any(F,Any(F,F))", FilterResult.Fail)]
    // not_filter_test.go TestNotFilter ("Empty" is a notFilter with no inner filter)
    [InlineData("Not(N)", FilterResult.NoFilter)]
    [InlineData("Not(P)", FilterResult.Fail)]
    [InlineData("Not(F)", FilterResult.Pass)]
    // Beyond Knative's tests: a child that checks nothing (NoFilter) first. Where it comes last Knative's all/any return
    // its NoFilter (all_filter.go, any_filter.go), and their reordering after a decision makes that vary by event; here it
    // is passed over.
    [InlineData("All(N,P)", FilterResult.Pass)]
    [InlineData("Any(N,F)", FilterResult.Fail)]
    public void TestAllAnyNotFilters(string tree, FilterResult knative) =>
        Assert.Equal(knative, Tree(tree).Evaluate(SubEvent()));

    // ---- pkg/eventfilter/subscriptionsapi/cesql_filter_test.go TestCESQLFilter ----

    [Theory]
    [InlineData("Missing expression", "", false, FilterResult.NoFilter)]
    [InlineData("Wrong type", "type = 'wrong.type'", false, FilterResult.Fail)]
    [InlineData("Wrong extension prefix", ExtensionName + " = 'wrong.extension'", false, FilterResult.Fail)]
    [InlineData("Match type", "type = '" + SubType + "'", false, FilterResult.Pass)]
    [InlineData("Match extension", ExtensionName + " = '" + ExtensionValue + "'", true, FilterResult.Pass)]
    [InlineData("Match numeric extension", "knativebrokerttl < 30", false, FilterResult.Pass)]
    [InlineData("Match type OR Source", "(type = '" + SubType + "') OR (source = 'some-other-source')", false, FilterResult.Pass)]
    [InlineData("Missing attribute less than comparison", "missingattribute < 5", false, FilterResult.Fail)]
    [InlineData("Missing attribute equals comparison", "missingattribute = missinsvalue", false, FilterResult.Fail)]
    // Beyond Knative's tests: Knative fails the filter on any evaluation error (cesql_filter.go: err != nil => FailFilter),
    // and its parser lower-cases identifiers (expression_visitor.go VisitIdentifier).
    [InlineData("Error after a true operand is short-circuited", "type = '" + SubType + "' OR missingattribute = 'x'", false, FilterResult.Pass)]
    [InlineData("Error before a true operand fails", "missingattribute = 'x' OR type = '" + SubType + "'", false, FilterResult.Fail)]
    [InlineData("Upper-case identifier", "TYPE = '" + SubType + "'", false, FilterResult.Pass)]
    public void TestCESQLFilter(string name, string expression, bool withExtension, FilterResult knative)
    {
        Assert.NotEmpty(name);
        Assert.Equal(knative, CesqlFilter.Parse(expression).Evaluate(SubEvent(withExtension)));
    }

    /// <summary>"Match numeric extension" as the broker's filter receives it: over HTTP every extension is a string.</summary>
    [Fact]
    public void TestCESQLFilter_Match_numeric_extension_sent_as_a_string()
    {
        var e = new CloudEvent { Id = "1234", Source = new Uri(SubSource, UriKind.RelativeOrAbsolute), Type = SubType, ["knativebrokerttl"] = "20" };

        Assert.Equal(FilterResult.Pass, CesqlFilter.Parse("knativebrokerttl < 30").Evaluate(e));
    }

    // ---- pkg/broker/filter/filter_handler_test.go: TestReceiver (filter cases) and TestReceiver_WithSubscriptionsAPI ----

    private static IEventFilter TriggerFilter(string specFilterLines)
    {
        string yaml = Manifests.Display + $$"""
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
            spec:
              broker: default
            {{specFilterLines}}
              subscriber:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """;
        ManifestLoadResult result = Manifests.Load(yaml);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.EnsureValid().Triggers[0].Filter;
    }

    [Theory]
    [InlineData("Trigger without a Filter", "", null, true)]
    [InlineData("Wrong type", "  filter: { attributes: { type: some-other-type } }", null, false)]
    [InlineData("Wrong source", "  filter: { attributes: { source: some-other-source } }", null, false)]
    [InlineData("Wrong extension", "  filter: { attributes: { myextension: some-other-extension } }", null, false)]
    [InlineData("Dispatch succeeded - Any", "  filter: {}", null, true)]
    [InlineData("Dispatch succeeded - Source with type", "  filter: { attributes: { type: " + AttrType + ", source: " + AttrSource + " } }", null, true)]
    [InlineData("Dispatch succeeded - Source, type and extensions", "  filter: { attributes: { type: " + AttrType + ", source: " + AttrSource + ", myextension: " + ExtensionValue + " } }", ExtensionName + "=" + ExtensionValue, true)]
    [InlineData("Dispatch succeeded - Any - Arrival extension", "  filter: {}", "knativearrivaltime=2019-08-26T23:38:17.834384404Z", true)]
    [InlineData("Wrong Extension with correct source and type", "  filter: { attributes: { type: " + AttrType + ", source: " + AttrSource + ", myextension: some-other-extension-value } }", ExtensionName + "=" + ExtensionValue, false)]
    // TestReceiver_WithSubscriptionsAPI
    [InlineData("SubscriptionsAPI: Wrong source", "  filters: [ { exact: { source: some-other-source } } ]", null, false)]
    [InlineData("SubscriptionsAPI: Wrong extension", "  filters: [ { exact: { myextension: some-other-extension } } ]", null, false)]
    [InlineData("SubscriptionsAPI: Dispatch succeeded - Source with type", "  filters: [ { cesql: \"type = '" + AttrType + "' AND source = '" + AttrSource + "'\" } ]", null, true)]
    [InlineData("SubscriptionsAPI: Dispatch succeeded - SubscriptionsAPI filter overrides Attributes Filter", "  filters: [ { cesql: \"type = '" + AttrType + "' AND source = '" + AttrSource + "'\" } ]\n  filter: { attributes: { type: some-other-type, source: some-other-source } }", null, true)]
    [InlineData("SubscriptionsAPI: Dispatch failed - empty SubscriptionsAPI filter does not override Attributes Filter", "  filter: { attributes: { type: some-other-type, source: some-other-source } }", null, false)]
    // Beyond Knative's tests: `filters: []` is empty, so `filter` applies (filter_handler.go filterEvent: len(Filters) > 0).
    [InlineData("Explicitly empty filters do not override filter", "  filters: []\n  filter: { attributes: { type: some-other-type } }", null, false)]
    public void TestReceiver_filtering(string name, string specFilterLines, string? extension, bool knativeDispatches)
    {
        Assert.NotEmpty(name);
        Assert.Equal(knativeDispatches, TriggerFilter(specFilterLines).Matches(AttrEvent(extension)));
    }
}
