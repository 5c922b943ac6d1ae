using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Tests.CloudEvents;

/// <summary>
/// Our structured-mode codec is written for speed; the CloudEvents SDK's formatter is the
/// reference it must agree with, event for event, text for text, error for error (media types
/// aside: we compare them without case, as RFC 6838 says).
/// </summary>
public sealed class CloudEventJsonTests
{
    public static TheoryData<string> EventsOfEveryShape() =>
    [
        """{"specversion":"1.0","id":"e-1","source":"/apis/v1/namespaces/default/pingsources/p","type":"dev.knative.sources.ping","datacontenttype":"application/json","data":{"message":"Hello world!"}}""",
        """{"specversion":"1.0","id":"e-2","source":"https://example.com/x?a=1&b=<2>","type":"t","time":"2019-09-04T02:31:00.123456789Z","subject":"s","dataschema":"https://example.com/schema","data":{"n":[1,2.5,true,null],"é":"ü+<>&'"}}""",
        """{"specversion":"1.0","id":"e-3","source":"urn:x","type":"t","time":"2020-01-01T10:00:00+02:00","datacontenttype":"text/plain; charset=utf-8","data":"plain text"}""",
        """{"specversion":"1.0","id":"e-4","source":"urn:x","type":"t","datacontenttype":"application/octet-stream","data_base64":"AAECAwQ="}""",
        """{"specversion":"1.0","id":"e-4b","source":"urn:x","type":"t","datacontenttype":"application/octet-stream","data_base64":"AAEC+g/8"}""",
        """{"specversion":"1.0","id":"e-5","source":"urn:x","type":"t","knativebrokerttl":255,"flag":true,"text":"v","nothing":null}""",
        """{"specversion":"1.0","id":"e-6","source":"urn:x","type":"t","datacontenttype":"application/cloudevents+json","data":[{"a":1}]}""",
        """{"specversion":"1.0","id":"e-7","source":"urn:x","type":"t","data":"a JSON string"}""",
        """{"specversion":"1.0","id":"e-8","source":"urn:x","type":"t","data":null,"data_base64":null}""",
        """{"specversion":"1.0","id":"e-9","source":"urn:x","type":"t","datacontenttype":"text/json","data":{"x":"line\nbreak \u2028 \"quoted\""}}""",
        """{"id":"e-10","data":{"late":true},"source":"urn:x","type":"t","specversion":"1.0"}""",
        """{"specversion":"1.0","\u0069d":"e-11","source":"urn:x","type":"t","\u0064ata":{"escaped":"names"},"ext\u0031":"x"}""",
        """{"specversion":"1.0","id":"e-12","source":"urn:x","type":"t","data":{"first":1},"data":{"last":2},"specversion":"1.0"}""",
    ];

    public static TheoryData<string> Malformed() =>
    [
        """[]""",
        """{"id":"e","source":"urn:x","type":"t"}""",
        """{"specversion":"0.9","id":"e","source":"urn:x","type":"t"}""",
        """{"specversion":"1.0","source":"urn:x","type":"t"}""",
        """{"specversion":"1.0","id":7,"source":"urn:x","type":"t"}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","time":"yesterday"}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","time":"2019-09-04"}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","ext":{"nested":1}}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","ext":1.5}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":{},"data_base64":"AA=="}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data_base64":5}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","datacontenttype":"text/plain","data":{"a":1}}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","Bad_Name":"x"}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t"} trailing""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t"}{}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":{"unclosed":1}""",
        """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","specversion":"0.3"}""",
        """{"specversion":["1.0"],"id":"e","source":"urn:x","type":"t"}""",
        """ """,
        """"just a string"""",
    ];

    [Theory]
    [MemberData(nameof(EventsOfEveryShape))]
    public void Decodes_as_the_SDK_does(string json)
    {
        CloudEvent ours = CloudEventJson.Decode(json);
        CloudEvent sdk = Sdk(json);

        Assert.Equal(Attributes(sdk), Attributes(ours));
        Assert.Equal(DataOf(sdk), DataOf(ours));
    }

    [Theory]
    [MemberData(nameof(EventsOfEveryShape))]
    public void Encodes_the_same_text_as_the_SDK_but_json_data_as_it_came(string json)
    {
        CloudEvent cloudEvent = Sdk(json);

        (string Name, string Text)[] ours = Properties(CloudEventJson.Encode(cloudEvent));
        (string Name, string Text)[] sdk = Properties(SdkEncode(cloudEvent));

        // The SDK writes JSON data again, with its writer's escapes and spacing; we write the text it was read
        // from, byte for byte, as Knative forwards data (a signature over it still holds).
        Assert.Equal(sdk.Where(p => p.Name != "data"), ours.Where(p => p.Name != "data"));
        Assert.Equal(sdk.Select(p => p.Name), ours.Select(p => p.Name));
        string? came = Properties(json).LastOrDefault(p => p.Name == "data").Text;
        Assert.Equal(came is "null" ? null : came, ours.SingleOrDefault(p => p.Name == "data").Text); // JSON null is no data
    }

    [Fact]
    public void Json_data_keeps_its_spacing_and_escapes_in_both_modes()
    {
        const string data = """{ "amount" : 1.50, "name": "caf\u00e9", "big": 12345678901234567890, "n": 1e2 }""";
        CloudEvent cloudEvent = CloudEventJson.Decode($$"""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","datacontenttype":"application/json","data":{{data}}}""");

        Assert.EndsWith($"\"data\":{data}}}", CloudEventJson.Encode(cloudEvent), StringComparison.Ordinal);
        Assert.Equal(data, Encoding.UTF8.GetString(CloudEventJson.GetDataBytes(cloudEvent))); // a binary-mode body
    }

    [Fact]
    public void Encodes_data_without_a_content_type_as_the_SDK_does()
    {
        var withObject = new CloudEvent { Id = "o", Source = new Uri("urn:x"), Type = "t", Data = new { a = 1, b = "<b>" } };
        var withText = new CloudEvent { Id = "s", Source = new Uri("urn:x"), Type = "t", Data = "text" };
        var withBytes = new CloudEvent { Id = "b", Source = new Uri("urn:x"), Type = "t", Data = new byte[] { 1, 2, 255 } };

        foreach (CloudEvent e in new[] { withObject, withText, withBytes })
        {
            Assert.Equal(SdkEncode(e), CloudEventJson.Encode(e));
        }
    }

    [Fact]
    public void Round_trips_an_event_with_typed_extensions()
    {
        var source = new CloudEvent(
            [CloudEventAttribute.CreateExtension("count", CloudEventAttributeType.Integer), CloudEventAttribute.CreateExtension("on", CloudEventAttributeType.Boolean)])
        {
            Id = "r",
            Source = new Uri("/r", UriKind.Relative),
            Type = "t",
            Time = new DateTimeOffset(2026, 11, 27, 10, 0, 0, 123, TimeSpan.Zero),
            ["count"] = 3,
            ["on"] = false,
            DataContentType = "application/json",
            Data = JsonDocument.Parse("""{"message":"m"}""").RootElement.Clone(),
        };

        string json = CloudEventJson.Encode(source);
        CloudEvent back = CloudEventJson.Decode(json);

        // Decoded without the extensions' definitions, they come back as strings, as from the SDK.
        Assert.Equal(SdkEncode(source), json);
        Assert.Equal(Attributes(Sdk(json)), Attributes(back));
        Assert.Equal(SdkEncode(Sdk(json)), CloudEventJson.Encode(back));
        Assert.Equal(source.Time, back.Time);
    }

    [Fact]
    public void Lowers_extension_names_written_in_upper_case_as_Knative_does()
    {
        // The C# SDK refuses them; Knative's ingress (the Go SDK) takes them, lowered.
        CloudEvent decoded = CloudEventJson.Decode("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","MyExt":"v","COUNT2":3,"data":{"Key":1}}""");

        Assert.Equal("v", decoded["myext"]);
        Assert.Equal("3", decoded["count2"]);
        Assert.Equal(["count2", "myext"], decoded.ExtensionAttributes.Select(a => a.Name).Order());
        Assert.Equal("""{"Key":1}""", ((JsonElement)decoded.Data!).GetRawText());
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejects_what_the_SDK_rejects_with_the_same_exception(string json)
    {
        Exception sdk = Assert.ThrowsAny<Exception>(() => Sdk(json));
        Exception ours = Assert.ThrowsAny<Exception>(() => CloudEventJson.Decode(json));

        Assert.Equal(sdk.GetType(), ours.GetType());
    }

    [Theory]
    [MemberData(nameof(EventsOfEveryShape))]
    public void Reads_the_id_alone_as_decoding_would(string json)
    {
        Assert.Equal(CloudEventJson.Decode(json).Id, CloudEventJson.ReadId(json));
    }

    [Theory]
    [InlineData("""{"data":{"id":"inner","list":[{"id":"deeper"}]},"type":"t","id":"after-data"}""", "after-data")]
    [InlineData("""{"specversion":"1.0","id":"caf\u00e9 \"1\"","source":"urn:x"}""", "caf\u00e9 \"1\"")]
    [InlineData("""{"specversion":"1.0","id":7}""", null)]
    [InlineData("""{"specversion":"1.0","source":"urn:x"}""", null)]
    [InlineData("""["id","e-1"]""", null)]
    [InlineData("\"e-1\"", null)]
    public void Reads_only_a_top_level_string_id(string json, string? expected)
    {
        Assert.Equal(expected, CloudEventJson.ReadId(json));
    }

    [Fact]
    public void Refuses_to_encode_an_event_that_lacks_required_attributes()
    {
        var incomplete = new CloudEvent { Id = "x", Type = "t" };

        Assert.Throws<ArgumentException>(() => CloudEventJson.Encode(incomplete));
    }

    [Fact]
    public void Encodes_on_many_threads_at_once_without_mixing_events()
    {
        string[] encoded = new string[200];
        Parallel.For(0, encoded.Length, i => encoded[i] = CloudEventJson.Encode(Tests.Events.Json($$"""{"n":{{i}}}""", id: $"p-{i}")));

        for (int i = 0; i < encoded.Length; i++)
        {
            CloudEvent back = CloudEventJson.Decode(encoded[i]);
            Assert.Equal($"p-{i}", back.Id);
            Assert.Equal(i, ((JsonElement)back.Data!).GetProperty("n").GetInt32());
        }
    }

    [Fact]
    public void Encodes_a_large_event_and_then_a_small_one_alike()
    {
        CloudEvent large = Tests.Events.Json($$"""{"message":"{{new string('x', 200_000)}}"}""", id: "large");
        CloudEvent small = Tests.Events.Json("""{"message":"m"}""", id: "small");

        Assert.Equal(SdkEncode(large), CloudEventJson.Encode(large));
        Assert.Equal(SdkEncode(small), CloudEventJson.Encode(small));
    }

    [Theory]
    [InlineData("APPLICATION/JSON", """{"a":1}""")]
    [InlineData("Text/Plain", "\"text\"")]
    [InlineData("application/xml", "\"\\u003Ca/\\u003E\"")]
    public void Compares_media_types_without_case_and_writes_any_text_where_the_SDK_does_not(string contentType, string data)
    {
        // The deliberate differences: media types are case-insensitive (RFC 6838), and text of any media type is a JSON
        // string (the JSON format's rule); the SDK's formatter refuses JSON data under APPLICATION/JSON, and cannot
        // encode text under Text/Plain or application/xml, which ingress keeps as text.
        string json = $$"""{"specversion":"1.0","id":"c","source":"urn:x","type":"t","datacontenttype":"{{contentType}}","data":{{data}}}""";

        CloudEvent decoded = CloudEventJson.Decode(json);

        Assert.Equal(json, CloudEventJson.Encode(decoded));
    }

    [Fact]
    public void Agrees_with_the_SDK_on_thousands_of_generated_events()
    {
        // A fixed seed, so a failure names an event that fails again.
        var random = new Random(20261127);
        for (int i = 0; i < 2000; i++)
        {
            CloudEvent cloudEvent = GeneratedEvents.Next(random);
            string sdk = SdkEncode(cloudEvent);

            Assert.Equal(sdk, CloudEventJson.Encode(cloudEvent));
            Assert.Equal(SdkEncode(Sdk(sdk)), CloudEventJson.Encode(CloudEventJson.Decode(sdk)));
        }
    }

    [Fact]
    public void A_batch_is_its_events_as_each_is_encoded_json_data_as_it_came()
    {
        CloudEvent[] events =
        [
            CloudEventJson.Decode("""{"specversion":"1.0","id":"a","source":"urn:x","type":"t","data":{ "spaced" : true }}"""),
            CloudEventJson.Decode("""{"specversion":"1.0","id":"b","source":"urn:x","type":"t","datacontenttype":"text/plain","data":"text"}"""),
        ];

        Assert.Equal($"[{CloudEventJson.Encode(events[0])},{CloudEventJson.Encode(events[1])}]", Encoding.UTF8.GetString(CloudEventJson.EncodeBatch(events)));
        Assert.Contains("""{ "spaced" : true }""", CloudEventJson.Encode(events[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":/* note */1}""")]
    [InlineData("""[1,2,]""")]
    public void Json_data_a_step_read_leniently_is_refused_where_it_is_written_in_either_mode_not_at_the_next_hop(string data)
    {
        using JsonDocument lenient = JsonDocument.Parse(data, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var cloudEvent = new CloudEvent { Id = "e", Source = new Uri("urn:x"), Type = "t", DataContentType = "application/json", Data = lenient.RootElement.Clone() };

        Assert.ThrowsAny<JsonException>(() => CloudEventJson.Encode(cloudEvent));
        Assert.ThrowsAny<JsonException>(() => CloudEventJson.GetDataBytes(cloudEvent));
        Assert.ThrowsAny<JsonException>(() => CloudEventHttpWriter.CreateBinaryRequest(new Uri("http://127.0.0.1/"), cloudEvent));
    }

    private static (string Name, string Text)[] Properties(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText()))];
    }

    private static CloudEvent Sdk(string json) =>
        CloudEventJson.Formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(json), new System.Net.Mime.ContentType(MediaTypes.Structured), null);

    private static string SdkEncode(CloudEvent cloudEvent) =>
        Encoding.UTF8.GetString(CloudEventJson.Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);

    private static List<string> Attributes(CloudEvent cloudEvent) =>
        [.. cloudEvent.GetPopulatedAttributes().Select(a => $"{a.Key.Name}:{a.Key.Type}:{a.Key.Format(a.Value)}").Order(StringComparer.Ordinal)];

    private static string DataOf(CloudEvent cloudEvent) => cloudEvent.Data switch
    {
        null => "null",
        JsonElement json => "json:" + json.GetRawText(),
        string text => "string:" + text,
        byte[] bytes => "bytes:" + Convert.ToBase64String(bytes),
        var other => "other:" + other.GetType(),
    };
}
