using System.Globalization;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Core.Tests.Display;

public sealed class EventDisplayFormatterTests
{
    [Fact]
    public void Formats_exactly_like_knative_event_display()
    {
        CloudEvent e = Events.Json("""{"message":"Hello world! - Handled by 0 - Handled by 1 - Handled by 2"}""", type: "samples.http.mod3", id: "3c5b1f3e-1");
        e.Time = DateTimeOffset.Parse("2019-09-04T02:31:00Z", CultureInfo.InvariantCulture);
        e["somekey"] = "value";
        e["another"] = "x";

        string expected = """
            ☁️  cloudevents.Event
            Context Attributes,
              specversion: 1.0
              type: samples.http.mod3
              source: /apis/v1/namespaces/default/cronjobsources/cronjob-source
              id: 3c5b1f3e-1
              time: 2019-09-04T02:31:00.000Z
              datacontenttype: application/json
            Extensions,
              another: x
              somekey: value
            Data,
              {
                "message": "Hello world! - Handled by 0 - Handled by 1 - Handled by 2"
              }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), EventDisplayFormatter.Format(e));
    }

    [Fact]
    public void Optional_attributes_only_when_set_and_other_data_raw()
    {
        var e = new CloudEvent
        {
            Id = "1",
            Source = new Uri("urn:s"),
            Type = "t",
            Subject = "sub",
            DataSchema = new Uri("https://example.com/schema"),
            DataContentType = "text/plain",
            Data = "plain text",
        };

        string expected = """
            ☁️  cloudevents.Event
            Context Attributes,
              specversion: 1.0
              type: t
              source: urn:s
              subject: sub
              id: 1
              dataschema: https://example.com/schema
              datacontenttype: text/plain
            Data,
              plain text

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), EventDisplayFormatter.Format(e));
    }

    [Fact]
    public void Event_without_data_has_no_data_section()
    {
        var e = new CloudEvent { Id = "1", Source = new Uri("urn:s"), Type = "t" };

        Assert.DoesNotContain("Data,", EventDisplayFormatter.Format(e), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"message": "m", "n": [1, 2.5, null], "o": {"é": "<&>"}}""")]
    [InlineData("""[1, "two"]""")]
    [InlineData("\"just a string\"")]
    public void JSON_data_prints_the_same_parsed_or_as_text(string data)
    {
        CloudEvent parsed = Events.Json(data);
        CloudEvent text = Events.Json(data);
        text.Data = data;

        Assert.Equal(EventDisplayFormatter.Format(text), EventDisplayFormatter.Format(parsed));
    }
}
