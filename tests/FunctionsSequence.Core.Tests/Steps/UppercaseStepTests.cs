using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Steps;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>The in-app sample step of samples/custom-step.</summary>
public sealed class UppercaseStepTests
{
    private static readonly StepContext Invariant = new("upper", new Dictionary<string, string>());

    private static CloudEvent With(string contentType, object data) => new()
    {
        Id = "e",
        Source = new Uri("urn:test"),
        Type = "t",
        DataContentType = contentType,
        Data = data,
    };

    [Fact]
    public async Task It_upper_cases_the_message_and_keeps_the_rest()
    {
        CloudEvent output = (await new UppercaseStep().InvokeAsync(With("application/json", JsonSerializer.SerializeToElement(new { message = "hello", n = 1 })), Invariant, default))!;

        JsonElement data = (JsonElement)output.Data!;
        Assert.Equal(("HELLO", 1), (data.GetProperty("message").GetString(), data.GetProperty("n").GetInt32()));
    }

    [Theory]
    [InlineData("text/plain", "secret-token not json", "the data is not JSON")]
    [InlineData("application/json", """{"message": 42}""", "its message is a number")]
    [InlineData("application/json", """{"text": "secret-token"}""", "it has no message")]
    [InlineData("application/json", """{"message": "a", "message": "b"}""", "the data names a property twice")]
    [InlineData("application/json", """["secret-token"]""", "the data is a list")]
    public async Task Data_it_cannot_take_is_a_400_that_says_what_it_is_and_quotes_it_for_the_sink_only(string contentType, string data, string got)
    {
        object payload = contentType == "text/plain" ? Encoding.UTF8.GetBytes(data) : JsonDocument.Parse(data).RootElement.Clone();

        var error = await Assert.ThrowsAsync<StepFailedException>(() => new UppercaseStep().InvokeAsync(With(contentType, payload), Invariant, default).AsTask());

        string reason = $"the step expects JSON data like {{\"message\": \"...\"}} with a string message, and {got}";
        Assert.Equal((400, reason), (error.StatusCode, error.Message)); // bad input: dead-lettered, not retried
        Assert.StartsWith($"{reason}: '", error.ResponseBody, StringComparison.Ordinal); // what the sink's knativeerrordata gets
    }
}
