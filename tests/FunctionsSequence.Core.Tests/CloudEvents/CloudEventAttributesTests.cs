using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Tests.CloudEvents;

/// <summary>Attributes read past the SDK's typed getters: the same values, without their checks on each read.</summary>
public sealed class CloudEventAttributesTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/cloudevents+json; charset=utf-8")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public void The_data_content_type_is_what_the_typed_getter_reads(string? contentType)
    {
        var cloudEvent = new CloudEvent { Id = "1", Type = "t", Source = new Uri("/s", UriKind.Relative), DataContentType = contentType };

        Assert.Equal(cloudEvent.DataContentType, CloudEventAttributes.DataContentType(cloudEvent));
        Assert.Equal(contentType, CloudEventAttributes.DataContentType(cloudEvent));
    }

    [Fact]
    public void A_media_type_that_does_not_parse_is_still_refused_where_it_is_set()
    {
        var cloudEvent = new CloudEvent();

        Assert.Throws<ArgumentException>(() => cloudEvent.DataContentType = "not a media type");
        Assert.Null(CloudEventAttributes.DataContentType(cloudEvent));
    }
}
