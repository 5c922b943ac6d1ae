using CloudNative.CloudEvents;
using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Filtering.Cesql;

namespace FunctionsSequence.Core.Tests.Filtering.Cesql;

public sealed class CesqlFilterTests
{
    private static readonly CloudEvent Order = Events.Json("{}", type: "com.example.order.created");

    [Theory]
    [InlineData("type LIKE 'com.example.%'", FilterResult.Pass)]
    [InlineData("type = 'com.example.order.deleted'", FilterResult.Fail)]
    // Not a Boolean, without an error: aborted, as Knative's broker fails the request (spec §1.2: the event does not pass).
    [InlineData("type", FilterResult.Aborted)]
    [InlineData("'abc'", FilterResult.Aborted)]
    [InlineData("1 + 2", FilterResult.Aborted)]
    [InlineData("LOWER(type)", FilterResult.Aborted)]
    // Not a Boolean with an error: fails, as Knative returns on the error before it looks at the value.
    [InlineData("subject", FilterResult.Fail)]
    [InlineData("INT(type)", FilterResult.Fail)]
    // Any evaluation error fails, even when the value is true.
    [InlineData("NOT 10", FilterResult.Fail)]
    [InlineData("myext = 'x' OR TRUE", FilterResult.Fail)]
    [InlineData("TRUE OR myext = 'x'", FilterResult.Pass)]
    [InlineData("", FilterResult.NoFilter)]
    [InlineData("  ", FilterResult.NoFilter)]
    public void Passes_only_a_true_result_without_errors(string text, FilterResult expected) =>
        Assert.Equal(expected, CesqlFilter.Parse(text).Evaluate(Order));

    [Fact]
    public void Parse_errors_surface_when_the_filter_is_built() =>
        Assert.Equal(10, Assert.Throws<CesqlParseException>(() => CesqlFilter.Parse("type LIKE")).Position);

    [Theory]
    [InlineData("type")]
    [InlineData("1 + 2")]
    public void A_value_that_is_not_a_Boolean_lets_the_event_through_no_not_any_or_all(string text)
    {
        var exact = new StringMatchFilter(StringMatch.Exact, new Dictionary<string, string> { ["type"] = "com.example.order.created" });
        IEventFilter[] around =
        [
            new NotFilter(CesqlFilter.Parse(text)),
            new AnyFilter([CesqlFilter.Parse(text), exact]),
            new AllFilter([exact, new NotFilter(CesqlFilter.Parse(text))]),
        ];

        Assert.All(around, filter => Assert.Equal(FilterResult.Aborted, filter.Evaluate(Order)));
        Assert.All(around, filter => Assert.False(filter.Matches(Order)));
    }

    [Fact]
    public void Filters_before_the_value_that_is_not_a_Boolean_decide_first_as_in_Knative()
    {
        var created = new StringMatchFilter(StringMatch.Exact, new Dictionary<string, string> { ["type"] = "com.example.order.created" });

        Assert.Equal(FilterResult.Pass, new AnyFilter([created, CesqlFilter.Parse("type")]).Evaluate(Order));
        Assert.Equal(FilterResult.Fail, new AllFilter([new NotFilter(created), CesqlFilter.Parse("type")]).Evaluate(Order));
    }

    [Fact]
    public void Combines_with_the_other_dialects()
    {
        var filter = new AllFilter([CesqlFilter.Parse("EXISTS subject OR type LIKE '%.created'"), new NotFilter(CesqlFilter.Parse("source = 'x'"))]);

        Assert.True(filter.Matches(Order));
    }
}
