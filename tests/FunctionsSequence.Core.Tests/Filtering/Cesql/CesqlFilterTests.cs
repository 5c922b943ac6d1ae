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
    // Not a Boolean: fails (spec §1.2).
    [InlineData("type", FilterResult.Fail)]
    [InlineData("1", FilterResult.Fail)]
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

    [Fact]
    public void Combines_with_the_other_dialects()
    {
        var filter = new AllFilter([CesqlFilter.Parse("EXISTS subject OR type LIKE '%.created'"), new NotFilter(CesqlFilter.Parse("source = 'x'"))]);

        Assert.True(filter.Matches(Order));
    }
}
