using CloudNative.CloudEvents;
using FunctionsSequence.Core.Filtering;

namespace FunctionsSequence.Core.Tests.Filtering;

public sealed class AttributesFilterTests
{
    private static FilterResult Evaluate(Dictionary<string, string> attributes, CloudEvent cloudEvent) =>
        new AttributesFilter(attributes).Evaluate(cloudEvent);

    [Fact]
    public void Empty_filter_passes_everything() =>
        Assert.Equal(FilterResult.NoFilter, Evaluate([], Events.Json("{}")));

    [Fact]
    public void Exact_match_is_case_sensitive()
    {
        CloudEvent e = Events.Json("{}", type: "samples.http.mod3");

        Assert.Equal(FilterResult.Pass, Evaluate(new() { ["type"] = "samples.http.mod3" }, e));
        Assert.Equal(FilterResult.Fail, Evaluate(new() { ["type"] = "Samples.http.mod3" }, e));
    }

    [Fact]
    public void All_listed_attributes_must_match()
    {
        CloudEvent e = Events.Json("{}", type: "t");

        Assert.Equal(FilterResult.Pass, Evaluate(new() { ["type"] = "t", ["source"] = e.Source!.ToString() }, e));
        Assert.Equal(FilterResult.Fail, Evaluate(new() { ["type"] = "t", ["source"] = "/other" }, e));
    }

    [Fact]
    public void Empty_value_means_present_and_non_empty()
    {
        CloudEvent e = Events.Json("{}");
        e["traceid"] = "abc";

        Assert.Equal(FilterResult.Pass, Evaluate(new() { ["traceid"] = "" }, e));
        Assert.Equal(FilterResult.Fail, Evaluate(new() { ["missing"] = "" }, e));
    }

    [Fact]
    public void Missing_extension_fails()
    {
        Assert.Equal(FilterResult.Fail, Evaluate(new() { ["myext"] = "x" }, Events.Json("{}")));
    }

    [Fact]
    public void Specversion_can_be_filtered_on() =>
        Assert.Equal(FilterResult.Pass, Evaluate(new() { ["specversion"] = "1.0" }, Events.Json("{}")));

    [Fact]
    public void Dialects_combine_as_knative_defines()
    {
        CloudEvent e = Events.Json("{}", type: "com.example.order.created");
        var prefix = new StringMatchFilter(StringMatch.Prefix, new Dictionary<string, string> { ["type"] = "com.example." });
        var suffix = new StringMatchFilter(StringMatch.Suffix, new Dictionary<string, string> { ["type"] = ".deleted" });

        Assert.Equal(FilterResult.Pass, new AllFilter([prefix, new NotFilter(suffix)]).Evaluate(e));
        Assert.Equal(FilterResult.Fail, new AllFilter([prefix, suffix]).Evaluate(e));
        Assert.Equal(FilterResult.Pass, new AnyFilter([suffix, prefix]).Evaluate(e));
        Assert.Equal(FilterResult.NoFilter, new AllFilter([]).Evaluate(e));
    }
}
