using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Tests.Steps;

public sealed class AppenderStepTests
{
    private static readonly StepContext Context = new("first", new Dictionary<string, string>());

    [Fact]
    public async Task Three_steps_turn_hello_world_into_the_seed_output()
    {
        CloudEvent e = Events.Json("""{"message": "Hello world!"}""");
        foreach (string step in new[] { "0", "1", "2" })
        {
            e = (await new AppenderStep(step).InvokeAsync(e, Context, default))!;
        }

        Assert.Equal("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", ((JsonElement)e.Data!).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Keeps_id_source_and_extensions_and_sets_the_type()
    {
        CloudEvent input = Events.Json("""{"id": 7, "message": "m"}""");
        input["somekey"] = "value";
        input.Time = DateTimeOffset.Parse("2019-09-04T02:31:00Z", System.Globalization.CultureInfo.InvariantCulture);

        CloudEvent output = (await new AppenderStep("3").InvokeAsync(input, Context, default))!;

        Assert.Equal(input.Id, output.Id);
        Assert.Equal(input.Source, output.Source);
        Assert.Equal(input.Time, output.Time);
        Assert.Equal("value", output["somekey"]);
        Assert.Equal("samples.http.mod3", output.Type);
        Assert.Equal("""{"id":7,"message":"m - Handled by 3"}""", JsonSerializer.Serialize(output.Data));
        Assert.Equal("dev.knative.cronjob.event", input.Type);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("""{"message": 42}""")]
    public async Task Payload_it_cannot_parse_is_a_clear_non_retryable_error(string data)
    {
        var input = new CloudEvent { Id = "bad-1", Source = new Uri("urn:t"), Type = "t", DataContentType = "text/plain", Data = data };

        var error = await Assert.ThrowsAsync<StepFailedException>(async () => await new AppenderStep("0").InvokeAsync(input, Context, default));

        Assert.Equal(400, error.StatusCode);
        Assert.False(error.Retryable);
        Assert.Contains("bad-1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"message": "m"}""")]
    [InlineData("""{"message": "m", "id": 7, "nested": {"message": 1}}""")]
    [InlineData("""{"id": 7}""")]
    [InlineData("""{"message": null, "x": [1, "é", true]}""")]
    [InlineData("""{"a": "<&>", "message": "line\nbreak \u00fc", "z": 1.5e3}""")]
    [InlineData("""{}""")]
    public async Task Edits_JSON_data_as_the_general_path_does(string data)
    {
        var asElement = Events.Json(data);
        var asText = new CloudEvent { Id = "e-1", Source = asElement.Source, Type = asElement.Type, DataContentType = "application/json", Data = data };

        CloudEvent fromElement = (await new AppenderStep("4").InvokeAsync(asElement, Context, default))!;
        CloudEvent fromText = (await new AppenderStep("4").InvokeAsync(asText, Context, default))!;

        Assert.Equal(JsonSerializer.Serialize(fromText.Data), JsonSerializer.Serialize(fromElement.Data));
    }

    [Theory]
    [InlineData("""{"message": 42}""")]
    [InlineData("""{"message": "first", "message": "second"}""")]
    public async Task A_message_that_is_not_one_string_is_refused_from_JSON_data_too(string data)
    {
        CloudEvent input = Events.Json(data);

        var error = await Assert.ThrowsAsync<StepFailedException>(async () => await new AppenderStep("0").InvokeAsync(input, Context, default));

        Assert.Equal(400, error.StatusCode);
    }

    public static TheoryData<string> EventsItTakesAsTheyTravel() =>
    [
        """{"specversion":"1.0","id":"e-1","source":"/apis/v1/namespaces/default/pingsources/p","type":"dev.knative.sources.ping","datacontenttype":"application/json","data":{"message":"Hello world!"}}""",
        """{"specversion":"1.0","id":"e-2","source":"urn:x","type":"t","time":"2019-09-04T02:31:00.1234567Z","somekey":"value","count":3,"flag":true,"data":{"id":7,"message":"m"}}""",
        """{"data":{"x":[1,"é",true]},"type":"t","specversion":"1.0","id":"e-3","source":"urn:x"}""",
        """{"specversion":"1.0","id":"e-4","source":"urn:x","type":"t","datacontenttype":"application/vnd.x+json; charset=utf-8","data":{"message":null,"nested":{"message":1}}}""",
        """{"specversion":"1.0","id":"e-5","source":"urn:x","type":"t","datacontenttype":"Application/JSON","data":{"a":"<&>","message":"line\nbreak \u00fc \"q\"","z":1.5e3}}""",
        """{"specversion":"1.0","id":"e-6","source":"urn:x","type":"t","subject":"s","dataschema":"https://example.com/s","data":{}}""",
        """{"specversion":"1.0","id":"e-7","source":"urn:x","type":"first","type":"second","data":{"message":"m"}}""",
        """{"specversion":"1.0","id":"e-8","source":"urn:x","type":"t","d\u0061ta":{"message":"escaped name"},"ext":"\u2028"}""",
    ];

    [Theory]
    [MemberData(nameof(EventsItTakesAsTheyTravel))]
    public async Task Gives_the_same_event_from_structured_JSON_as_from_the_decoded_event(string json)
    {
        var step = new AppenderStep("5");

        Assert.True(step.TryInvoke(json, Context, out string? output));

        CloudEvent expected = (await step.InvokeAsync(CloudEventJson.Decode(json), Context, default))!;
        AssertSameEvent(expected, CloudEventJson.Decode(output!));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("step \"two\" <é> \n")]
    public async Task Edits_spaced_out_JSON_and_a_step_name_that_needs_escaping_as_the_decoded_path_does(string handledBy)
    {
        var step = new AppenderStep(handledBy);
        string[] inputs =
        [
            "{ \"specversion\" : \"1.0\" ,\n \"id\" : \"s-1\", \"source\":\"urn:x\", \"type\" : \"t\",\n \"data\" : { } \n}",
            "{\"specversion\":\"1.0\",\"id\":\"s-2\",\"source\":\"urn:x\",\"type\":\"t\",\"data\":{ \"message\" : \"m\" , \"n\" : [ 1 , 2 ] } }",
            "{\"specversion\":\"1.0\",\"id\":\"s-3\",\"source\":\"urn:x\",\"type\":\"t\",\"data\":{\"message\": null }}",
        ];

        foreach (string json in inputs)
        {
            Assert.True(step.TryInvoke(json, Context, out string? output), json);
            AssertSameEvent((await step.InvokeAsync(CloudEventJson.Decode(json), Context, default))!, CloudEventJson.Decode(output!));
        }
    }

    [Fact]
    public void Text_after_the_event_is_an_error_as_it_was_when_the_event_was_parsed_whole()
    {
        const string json = """{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":{"message":"m"}} {}""";

        Assert.ThrowsAny<JsonException>(() => new AppenderStep("0").TryInvoke(json, Context, out _));
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","datacontenttype":"text/plain","data":"{\"message\":\"m\"}"}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","datacontenttype":"application/octet-stream","data_base64":"AAE="}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":"a JSON string"}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":[1,2]}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t"}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":{"message":42}}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":{"message":"a","message":"b"}}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","data":{"message":"a"},"data":{"message":"b"}}""")]
    [InlineData("""{"specversion":"1.0","id":"e","source":"urn:x","type":"t","datacontenttype":"application/json","datacontenttype":"text/plain","data":{"message":"a"}}""")]
    public void Declines_what_is_not_one_JSON_object_with_a_string_message(string json)
    {
        Assert.False(new AppenderStep("0").TryInvoke(json, Context, out string? output));
        Assert.Null(output);
    }

    [Fact]
    public async Task Agrees_with_the_decoded_path_on_generated_events()
    {
        // A fixed seed, so a failure names an event that fails again.
        var random = new Random(4711);
        // Attribute values may not hold control characters; data may.
        string[] texts = ["a", "é ü", "<&>'\"+", "\u2028", "𝄞", "", "line\nbreak"];
        string Text() => JsonSerializer.Serialize(texts[random.Next(texts.Length)]);
        string AttributeText(string prefix = "") => JsonSerializer.Serialize(prefix + texts[random.Next(texts.Length - 1)]);
        var step = new AppenderStep("7");
        for (int i = 0; i < 1000; i++)
        {
            var fields = new List<string> { $"\"n\":{random.Next()}", $"\"s\":{Text()}", $"\"o\":{{\"message\":{Text()}}}", "\"l\":[null,true,1.5]" };
            if (random.Next(4) > 0)
            {
                fields.Insert(random.Next(fields.Count + 1), $"\"message\":{(random.Next(5) == 0 ? "null" : Text())}");
            }

            var attributes = new List<string> { "\"specversion\":\"1.0\"", $"\"id\":\"g-{i}\"", "\"source\":\"/s\"", $"\"type\":{AttributeText("t")}", $"\"data\":{{{string.Join(',', fields)}}}" };
            if (random.Next(2) == 0)
            {
                attributes.Add($"\"datacontenttype\":\"{(random.Next(2) == 0 ? "application/json" : "text/json; charset=utf-8")}\"");
            }

            if (random.Next(2) == 0)
            {
                attributes.Add($"\"ext\":{AttributeText()}");
                attributes.Add($"\"knativebrokerttl\":{random.Next(256)}");
            }

            string json = $"{{{string.Join(',', attributes.OrderBy(_ => random.Next()))}}}";

            Assert.True(step.TryInvoke(json, Context, out string? output), json);
            AssertSameEvent((await step.InvokeAsync(CloudEventJson.Decode(json), Context, default))!, CloudEventJson.Decode(output!));
        }
    }

    private static void AssertSameEvent(CloudEvent expected, CloudEvent actual)
    {
        static List<string> Attributes(CloudEvent e) =>
            [.. e.GetPopulatedAttributes().Select(a => $"{a.Key.Name}={a.Key.Format(a.Value)}").Order(StringComparer.Ordinal)];

        Assert.Equal(Attributes(expected), Attributes(actual));
        // Written out again, so that escaping styles compare alike (the structured path keeps the input's).
        Assert.Equal(JsonSerializer.Serialize((JsonElement)expected.Data!), JsonSerializer.Serialize((JsonElement)actual.Data!));
    }
}
