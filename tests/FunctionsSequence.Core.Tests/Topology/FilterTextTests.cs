using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Tests.Topology;

/// <summary>Each filter dialect, shown compactly in the Trigger's box: one line per part that must hold.</summary>
public sealed class FilterTextTests
{
    [Theory]
    [InlineData("filter: {attributes: {type: a.b, source: /s}}", "type=a.b|source=/s")]
    [InlineData("filter: {attributes: {type: ''}}", "type=*")]
    [InlineData("filter: {sourceAndType: {type: dev.knative.cronjob.event, source: Any}}", "type=dev.knative.cronjob.event")]
    [InlineData("filters: [{exact: {type: a}}, {prefix: {source: /shop/}}, {suffix: {subject: .png}}]", "type=a|source=/shop/*|subject=*.png")]
    [InlineData("filters: [{cesql: \"type LIKE 'a%' AND INT(size) >= 2\"}]", "cesql: type LIKE 'a%' AND INT(size) >= 2")]
    [InlineData("filters: [{any: [{exact: {type: a}}, {not: {prefix: {type: b}}}]}]", "any(type=a, not(type=b*))")]
    [InlineData("filters: [{all: [{exact: {type: a, source: s}}, {cesql: 'true'}]}]", "type=a|source=s|cesql: true")]
    [InlineData("filters: [{any: [{exact: {type: a, source: s}}, {all: [{suffix: {type: z}}]}]}]", "any(all(type=a, source=s), all(type=*z))")]
    [InlineData("filters: [{not: {any: []}}]", "all events")]
    [InlineData("filter: {}", "all events")]
    public void Filter_reads_compactly(string filter, string expected)
    {
        var set = TopologyGraphTests.Load($"""
            {Manifests.Display}
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
            spec:
              broker: default
              {filter}
              subscriber:
                ref: {"{"}apiVersion: serving.knative.dev/v1, kind: Service, name: event-display{"}"}
            """);

        Assert.Equal(expected, string.Join('|', TopologyGraph.Of(set).Node("trigger/t").Lines));
    }
}
