using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Tests.CloudEvents;

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
              time: 2019-09-04T02:31:00Z
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

    [Theory]
    [InlineData("2019-09-04T02:31:00Z", "2019-09-04T02:31:00Z")]
    [InlineData("2019-09-04T02:31:00.000Z", "2019-09-04T02:31:00Z")]
    [InlineData("2019-09-04T02:31:00.120Z", "2019-09-04T02:31:00.12Z")]
    [InlineData("2019-09-04T04:31:00.0004957+02:00", "2019-09-04T02:31:00.0004957Z")]
    public void Time_prints_as_the_Go_SDK_writes_it_in_UTC_without_the_fractions_trailing_zeros(string sent, string printed)
    {
        CloudEvent e = Events.Json("{}");
        e.Time = DateTimeOffset.Parse(sent, CultureInfo.InvariantCulture);

        Assert.Contains($"\n  time: {printed}\n", EventDisplayFormatter.Format(e), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\n    \"a\": [\n      1,\n      2\n    ]\n  }")]
    [InlineData("application/json; charset=utf-8", "{\n    \"a\": [\n      1,\n      2\n    ]\n  }")]
    [InlineData("application/vnd.api+json", "{\"a\": [1, 2]}")]
    [InlineData("text/json", "{\"a\": [1, 2]}")]
    public void Only_application_json_data_is_indented_as_the_Go_SDK_does_other_JSON_prints_as_it_came(string contentType, string data)
    {
        string json = $$$"""{"specversion":"1.0","id":"j","source":"urn:x","type":"t","datacontenttype":"{{{contentType}}}","data":{"a": [1, 2]}}""";

        Assert.EndsWith($"\nData,\n  {data}\n", EventDisplayFormatter.Format(json), StringComparison.Ordinal);
        Assert.Equal(EventDisplayFormatter.Format(CloudEventJson.Decode(json)), EventDisplayFormatter.Format(json));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    [InlineData("bytes")]
    public void An_event_without_a_content_type_prints_the_same_as_it_travels(string kind)
    {
        var e = new CloudEvent
        {
            Id = "n",
            Source = new Uri("urn:x"),
            Type = "t",
            Data = kind switch
            {
                "json" => JsonDocument.Parse("""{"a": [1, 2]}""").RootElement.Clone(),
                "text" => "just text",
                _ => new byte[] { 1, 2, 3 },
            },
        };

        // Delivered in process (a PingSource straight to event-display) or after a hop (through a run, a Broker).
        Assert.Equal(EventDisplayFormatter.Format(CloudEventJson.Encode(e)), EventDisplayFormatter.Format(e));
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

    public static TheoryData<string> StructuredEvents() =>
    [
        """{"specversion":"1.0","id":"e-1","source":"/apis/v1/namespaces/default/pingsources/p","type":"samples.http.mod3","time":"2019-09-04T02:31:00.1234567+02:00","datacontenttype":"application/json","data":{"message":"Hello world! - Handled by 0"}}""",
        """{"specversion":"1.0","id":"e-2","source":"HTTPS://Example.COM:443/a%20b?q=<1>","type":"t","subject":"s","dataschema":"http://Example.com:80/schema","zeta":"z","alpha":7,"flag":false,"data":{"n":[1,2.5,true,null],"é":"ü+<>&'"}}""",
        """{"specversion":"1.0","id":"e-3","source":"urn:x","type":"t","datacontenttype":"text/plain; charset=utf-8","data":"plain\ntext"}""",
        """{"specversion":"1.0","id":"e-4","source":"urn:x","type":"t","datacontenttype":"application/octet-stream","data_base64":"AAECAwQ="}""",
        """{"specversion":"1.0","id":"e-5","source":"urn:x","type":"t","data_base64":"eyJhIjogMX0="}""",
        """{"specversion":"1.0","id":"e-6","source":"urn:x","type":"t","datacontenttype":"application/json","data_base64":"bm90IGpzb24="}""",
        """{"specversion":"1.0","id":"e-7","source":"urn:x","type":"t","data":"a JSON string","ext":null}""",
        """{"specversion":"1.0","id":"e-8","source":"urn:x","type":"t","datacontenttype":"foo/json","data":{"compact":[1, 2]}}""",
        """{"specversion":"1.0","id":"e-9","source":"urn:x","type":"t","data":null}""",
        """{"specversion":"1.0","id":"e-10","source":"urn:x","type":"t","ext":"first","ext":"second"}""",
    ];

    [Theory]
    [MemberData(nameof(StructuredEvents))]
    public void Prints_structured_JSON_as_the_decoded_event(string json)
    {
        Assert.Equal(EventDisplayFormatter.Format(CloudEventJson.Decode(json)), EventDisplayFormatter.Format(json));
    }

    [Fact]
    public void Prints_generated_events_from_JSON_as_when_decoded()
    {
        // A fixed seed, so a failure names an event that fails again.
        var random = new Random(1127);
        for (int i = 0; i < 2000; i++)
        {
            string json = CloudEventJson.Encode(GeneratedEvents.Next(random));
            Assert.Equal(EventDisplayFormatter.Format(CloudEventJson.Decode(json)), EventDisplayFormatter.Format(json));
        }
    }
}
