using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>Knative's cmd/appender (env MESSAGE, TYPE), as knative/eventing's source has it.</summary>
public sealed class KnativeAppenderStepTests
{
    private const string AppenderImage = "gcr.io/knative-releases/knative.dev/eventing/cmd/appender";
    private static readonly StepContext Context = new("first", new Dictionary<string, string>());

    private static async Task<CloudEvent> AppendAsync(CloudEvent input, string? message, string? type = null) =>
        (await AppenderStep.Knative(message, type).InvokeAsync(input, Context, default))!;

    [Fact]
    public async Task The_docs_three_steps_append_each_message_and_the_last_sets_the_type()
    {
        CloudEvent e = Events.Json("""{"message": "Hello world!"}""", type: "dev.knative.sources.ping");
        e = await AppendAsync(e, " - Handled by 0");
        e = await AppendAsync(e, " - Handled by 1");
        Assert.Equal("dev.knative.sources.ping", e.Type);

        e = await AppendAsync(e, " - Handled by 2", "samples.http.mod3");

        Assert.Equal("samples.http.mod3", e.Type);
        Assert.Equal("""{"id":0,"message":"Hello world! - Handled by 0 - Handled by 1 - Handled by 2"}""", JsonSerializer.Serialize(e.Data));
    }

    [Fact]
    public async Task Logs_each_event_it_received_and_what_it_made_of_it_as_the_sample_does()
    {
        var log = new LogLines();
        CloudEvent input = Events.Json("""{"id": 0, "message": "Hello world!"}""", type: "dev.knative.sources.ping");
        input.Source = new Uri("/apis/v1/namespaces/default/pingsources/ping-source", UriKind.Relative);
        input.Time = new DateTimeOffset(2020, 3, 2, 21, 28, 0, TimeSpan.Zero).AddTicks(10247);

        await AppenderStep.Knative(" - Handled by 0", "samples.http.mod3", log).InvokeAsync(input, Context, default);

        Assert.Equal(
            [
                (1409, "Service/first: received a new event: [2020-03-02T21:28:00.0010247Z] /apis/v1/namespaces/default/pingsources/ping-source dev.knative.sources.ping: &{Sequence:0 Message:Hello world!}"),
                (1410, "Service/first: transform the event to: [2020-03-02T21:28:00.0010247Z] /apis/v1/namespaces/default/pingsources/ping-source samples.http.mod3: &{Sequence:0 Message:Hello world! - Handled by 0}"),
            ],
            log.Entries.Select(e => (e.EventId, e.Text)));
    }

    [Fact]
    public async Task A_line_break_in_the_message_is_logged_as_its_escape_not_as_a_line_of_its_own()
    {
        var log = new LogLines();

        await AppenderStep.Knative("!", null, log).InvokeAsync(Events.Json("""{"message": "a\nb"}"""), Context, default);

        Assert.All(log.Lines, line => Assert.DoesNotContain('\n', line));
        Assert.EndsWith("&{Sequence:0 Message:a\\u000ab}", log.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeps_the_event_s_attributes_and_answers_with_id_and_message_only()
    {
        CloudEvent input = Events.Json("""{"other": true, "id": 7, "message": "m", "nested": {"message": 1}}""");
        input["somekey"] = "value";

        CloudEvent output = await AppendAsync(input, "!");

        Assert.Equal(input.Id, output.Id);
        Assert.Equal(input.Source, output.Source);
        Assert.Equal("value", output["somekey"]);
        Assert.Equal(input.Type, output.Type);
        Assert.Equal("application/json", output.DataContentType);
        Assert.Equal("""{"id":7,"message":"m!"}""", JsonSerializer.Serialize(output.Data));
    }

    [Theory]
    [InlineData("""{"ID": 3, "Message": "a"}""", """{"id":3,"message":"a!"}""")]
    [InlineData("""{"message": "a", "MESSAGE": "b"}""", """{"id":0,"message":"b!"}""")]
    [InlineData("""{"id": null, "message": null}""", """{"id":0,"message":"!"}""")]
    [InlineData("""{}""", """{"id":0,"message":"!"}""")]
    [InlineData("""null""", """{"id":0,"message":"!"}""")]
    [InlineData("""{"id": -9007199254740993}""", """{"id":-9007199254740993,"message":"!"}""")]
    public async Task Reads_the_data_as_Go_decodes_the_sample_s_struct(string data, string expected)
    {
        CloudEvent output = await AppendAsync(Events.Json(data), "!");

        Assert.Equal(expected, JsonSerializer.Serialize(output.Data));
    }

    [Fact]
    public async Task No_data_and_no_MESSAGE_give_Knative_s_default()
    {
        var input = new CloudEvent { Id = "e-1", Source = new Uri("urn:t"), Type = "t" };

        CloudEvent output = await AppendAsync(input, message: null);

        Assert.Equal($$"""{"id":0,"message":"{{AppenderStep.DefaultMessage}}"}""", JsonSerializer.Serialize(output.Data));
    }

    [Theory]
    [InlineData("application/json", "not json", "the data is not JSON")]
    [InlineData("application/json", "[1]", "the data is a list")]
    [InlineData("application/json", """{"id": "7"}""", "its id is a string")]
    [InlineData("application/json", """{"id": 1.5}""", "its id is not a whole number in range")]
    [InlineData("application/json", """{"message": 42}""", "its message is a number")]
    [InlineData("text/plain", """{"message": "m"}""", "its content type is text/plain")]
    public async Task Data_Go_cannot_decode_into_the_struct_is_a_400(string contentType, string data, string got)
    {
        var input = new CloudEvent { Id = "bad-1", Source = new Uri("urn:t"), Type = "t", DataContentType = contentType, Data = data };

        var error = await Assert.ThrowsAsync<StepFailedException>(async () => await AppendAsync(input, "+"));

        Assert.Equal(400, error.StatusCode);
        Assert.False(error.Retryable);
        Assert.EndsWith($", and {got}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(data, error.Message, StringComparison.Ordinal);
        Assert.Equal($"{error.Message}: '{data}'", error.ResponseBody);
    }

    [Theory] // a byte that is no UTF-8 (0xFF, written here as '~' and swapped in) was a 500 with .NET's "Cannot transcode"
    [InlineData("""{"message": "a~b"}""", "its message is not UTF-8 text")]
    [InlineData("""{"a~": 1}""", "a key of its data is not UTF-8 text")]
    public async Task Json_data_that_is_not_utf8_is_a_400(string data, string got)
    {
        byte[] bytes = [.. System.Text.Encoding.UTF8.GetBytes(data).Select(b => b == (byte)'~' ? (byte)0xFF : b)];
        var input = new CloudEvent { Id = "bad-1", Source = new Uri("urn:t"), Type = "t", DataContentType = "application/json", Data = bytes };

        var error = await Assert.ThrowsAsync<StepFailedException>(async () => await AppendAsync(input, "+"));

        Assert.Equal(400, error.StatusCode);
        Assert.EndsWith($", and {got}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_image_decides_which_appender_a_Service_runs()
    {
        var env = new Dictionary<string, string> { ["STEP"] = "4", ["MESSAGE"] = " - from MESSAGE" };
        CloudEvent input = Events.Json("""{"message": "m", "x": 1}""");

        CloudEvent seed = (await AppenderStep.For(Manifests.StepImage, env).InvokeAsync(input, Context, default))!;
        CloudEvent knative = (await AppenderStep.For(AppenderImage + ":v1.16", env).InvokeAsync(input, Context, default))!;

        Assert.Equal("""{"message":"m - Handled by 4","x":1}""", JsonSerializer.Serialize(seed.Data));
        Assert.Equal(AppenderStep.OutputType, seed.Type);
        Assert.Equal("""{"id":0,"message":"m - from MESSAGE"}""", JsonSerializer.Serialize(knative.Data));
        Assert.Equal(input.Type, knative.Type);
    }
}
