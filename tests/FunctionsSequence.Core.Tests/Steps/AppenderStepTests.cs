using System.Text.Json;
using CloudNative.CloudEvents;
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
    public async Task Json_data_another_step_read_leniently_is_refused_as_not_json_by_both_appenders()
    {
        using JsonDocument lenient = JsonDocument.Parse("""{"message": "m",}""", new JsonDocumentOptions { AllowTrailingCommas = true });
        var input = new CloudEvent { Id = "e", Source = new Uri("urn:x"), Type = "t", DataContentType = "application/json", Data = lenient.RootElement.Clone() };

        foreach (AppenderStep step in new[] { new AppenderStep("0"), AppenderStep.Knative("m", null) })
        {
            var error = await Assert.ThrowsAsync<StepFailedException>(async () => await step.InvokeAsync(input, Context, default));
            Assert.Equal((400, false), (error.StatusCode, error.Retryable));
            Assert.Contains("the data is not JSON", error.Message, StringComparison.Ordinal);
        }
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
    [InlineData("not json at all", "the data is not JSON")]
    [InlineData("[1, 2]", "the data is a list")]
    [InlineData("""{"message": 42}""", "its message is a number")]
    [InlineData("""{"message": "a", "message": "b"}""", "the data names a property twice")]
    public async Task Payload_it_cannot_parse_is_a_clear_non_retryable_error_that_quotes_the_data_only_for_the_dead_letter_sink(string data, string got)
    {
        var input = new CloudEvent { Id = "bad-1", Source = new Uri("urn:t"), Type = "t", DataContentType = "text/plain", Data = data };

        var error = await Assert.ThrowsAsync<StepFailedException>(async () => await new AppenderStep("0").InvokeAsync(input, Context, default));

        Assert.Equal(400, error.StatusCode);
        Assert.False(error.Retryable);
        Assert.Equal($"the step expects JSON data like {{\"message\": \"...\"}} with a string message, and {got}", error.Message);
        Assert.Equal($"{error.Message}: '{data}'", error.ResponseBody);
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
}
