using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Cli.Sending;

namespace FunctionsSequence.IntegrationTests;

/// <summary><c>fseq send</c> against a running <c>fseq run samples/4-broker-trigger</c>, and against a recording server.</summary>
public sealed class SendCommandTests(RuntimeFixture runtime, StepServer server) : IClassFixture<RuntimeFixture>, IClassFixture<StepServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Event_sent_to_the_broker_goes_through_the_sequence_to_event_display()
    {
        string id = NewId();
        string to = new Uri(runtime.Http.BaseAddress!, "/api/brokers/default").ToString();

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(
            Timeout, "send", "--to", to, "--type", "dev.knative.cronjob.event", "--source", "/send-tests", "--id", id,
            "--data", """{"message": "Hello world!"}""", "--extension", "region=eu");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"  id: {id}\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Extensions,\n  region: eu\nData,\n  {\n    \"message\": \"Hello world!\"\n  }\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith($"Sent to {to} in binary mode: 200 OK\n", stdout, StringComparison.Ordinal);
        string block = await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        Assert.Contains("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", block, StringComparison.Ordinal);
        Assert.Contains("region: eu", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_route_answers_with_its_reply_which_is_printed()
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(
            Timeout, "send", "--to", new Uri(runtime.Http.BaseAddress!, "/api/services/first").ToString(), "--data", """{"message": "hi"}""");

        Assert.True(exit == 0, stderr);
        string reply = stdout[stdout.IndexOf("Reply:\n", StringComparison.Ordinal)..];
        Assert.Contains("  type: samples.http.mod3\n", reply, StringComparison.Ordinal);
        Assert.Contains("\"message\": \"hi - Handled by 0\"", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attributes_go_as_headers_and_data_as_the_body_with_the_function_key()
    {
        string id = NewId();

        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(
            Timeout, "send", "--to", new Uri(server.BaseAddress, "/sink").ToString(), "--id", id, "--type", "t.x", "--data", "plain words",
            "--extension", "region=eu", "--extension", "subject=orders/1", "--key", "function-key-1");

        Assert.True(exit == 0, stderr);
        (Dictionary<string, string> headers, string body) = await server.WaitAtAsync("/sink", id);
        Assert.Equal("1.0", headers["ce-specversion"]);
        Assert.Equal("t.x", headers["ce-type"]);
        Assert.Equal("fseq/send", headers["ce-source"]);
        Assert.Equal("eu", headers["ce-region"]);
        Assert.Equal("orders/1", headers["ce-subject"]);
        Assert.True(headers.ContainsKey("ce-time"));
        Assert.Equal("text/plain", headers["content-type"]);
        Assert.Equal("function-key-1", headers["x-functions-key"]);
        Assert.Equal("plain words", body);
    }

    [Fact]
    public async Task The_function_key_may_come_from_FSEQ_KEY_and_stay_out_of_the_command_line()
    {
        string id = NewId();

        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(
            Timeout, new Dictionary<string, string> { ["FSEQ_KEY"] = "function-key-2" }, "send", "--to", new Uri(server.BaseAddress, "/sink").ToString(), "--id", id, "--data", "{}");

        Assert.True(exit == 0, stderr);
        (Dictionary<string, string> headers, _) = await server.WaitAtAsync("/sink", id);
        Assert.Equal("function-key-2", headers["x-functions-key"]);
    }

    [Fact] // knative/docs' eventtype-auto-creation: kn event send --to Broker:... -f message="..."
    public async Task Fields_build_the_json_data_as_kn_event_send_does()
    {
        string id = NewId();

        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(
            Timeout, "send", "--to-url", new Uri(server.BaseAddress, "/sink").ToString(), "--id", id,
            "-f", "message=There might be a problem", "--field", "player.id=6354aa60", "--field", "player.game=2345", "-f", "ok=true", "--raw-field", "code=007",
            "-f", "operation.amount=2345.40", "-f", "operation.rate=1.500000", "-f", "flag=True", "-f", "none=null", "-f", "tags=[\"a\"]", "-f", "odd=NaN", "-f", "big=Infinity");

        Assert.True(exit == 0, stderr);
        (Dictionary<string, string> headers, string body) = await server.WaitAtAsync("/sink", id);
        Assert.Equal("application/json", headers["content-type"]);
        // As kn-plugin-event's README builds it: "amount": "2345.40" stays text.
        Assert.Equal(
            """{"message":"There might be a problem","player":{"id":"6354aa60","game":2345},"ok":true,"operation":{"amount":"2345.40","rate":1.5},"flag":"True","none":"null","tags":["a"],"odd":"NaN","big":"Infinity","code":"007"}""",
            body);
    }

    [Theory]
    [InlineData("Broker:eventing.knative.dev/v1:my-broker", "api/brokers/my-broker")]
    [InlineData("Sequence:flows.knative.dev/v1:sequence", "api/sequences/sequence")]
    [InlineData("Service:serving.knative.dev/v1:event-display", "api/services/event-display")]
    [InlineData("broker:default", "api/brokers/default")]
    [InlineData("ksvc:first:default", "api/services/first")]
    [InlineData("event-display", "api/services/event-display")]
    [InlineData("https://topic.westeurope-1.eventgrid.azure.net/api/events", "https://topic.westeurope-1.eventgrid.azure.net/api/events")]
    [InlineData("Channel:messaging.knative.dev/v1:c", null)]
    [InlineData("ftp://example.com/x", null)]
    [InlineData("broker:", null)]
    public void A_resource_named_as_kn_event_send_names_it_is_its_route_on_the_app(string to, string? url)
    {
        Assert.Equal(url, Cli.Sending.SendTarget.Parse(to)?.ToString());
    }

    [Fact]
    public async Task A_resource_goes_to_its_route_on_the_app_at_url_whatever_port_it_listens_on()
    {
        string id = NewId();

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(
            Timeout, "send", "--to", "broker:default", "--url", runtime.Http.BaseAddress!.ToString(), "--id", id, "--type", "dev.knative.cronjob.event", "--data", """{"message": "Hello world!"}""");

        Assert.True(exit == 0, stderr);
        Assert.EndsWith($"Sent to {new Uri(runtime.Http.BaseAddress!, "/api/brokers/default")} in binary mode: 200 OK\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", await runtime.Fseq.WaitForDisplayAsync($"id: {id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_exits_1_with_what_the_target_said()
    {
        string to = new Uri(runtime.Http.BaseAddress!, "/api/sequences/nowhere").ToString();

        // A key in the query (as a Functions URL may carry) reaches the target, not the terminal.
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "send", "--to", to + "?code=not-for-the-terminal", "--id", "42", "--data", "{}");

        Assert.Equal(1, exit);
        Assert.Equal($"fseq: sent to {to} in binary mode: 404 Not Found: There is no Sequence named 'nowhere' (known: sequence). Event \"42\" was not accepted.\n", stderr);
        Assert.DoesNotContain("not-for-the-terminal", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_one_listening_exits_1_and_says_so()
    {
        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "send", "--to", "http://127.0.0.1:1/api/brokers/default");

        Assert.Equal(1, exit);
        Assert.StartsWith("fseq: cannot reach http://127.0.0.1:1/api/brokers/default: ", stderr, StringComparison.Ordinal);
        Assert.EndsWith("(is fseq run listening there?)\n", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fseq: send needs --to URL (a Sequence, Parallel, Broker or Service route, or an Event Grid topic endpoint) or --to RESOURCE (Broker:eventing.knative.dev/v1:NAME)", "send", "--data", "{}")]
    [InlineData("fseq: --url names the app a --to RESOURCE is on; --to URL is a whole address already", "send", "--to", "http://127.0.0.1:7071/api/brokers/default", "--url", "http://127.0.0.1:7677")]
    [InlineData("fseq: --to needs an http or https URL, such as http://127.0.0.1:7071/api/brokers/default, or a resource as kn event send names one, such as Broker:eventing.knative.dev/v1:default, Sequence:flows.knative.dev/v1:NAME or broker:default, not 'ftp://example.com/x'", "send", "--to", "ftp://example.com/x")]
    [InlineData("fseq: --to needs an http or https URL, such as http://127.0.0.1:7071/api/brokers/default, or a resource as kn event send names one, such as Broker:eventing.knative.dev/v1:default, Sequence:flows.knative.dev/v1:NAME or broker:default, not 'Channel:messaging.knative.dev/v1:c'", "send", "--to", "Channel:messaging.knative.dev/v1:c")]
    [InlineData("fseq: --data and --field (or --raw-field) both give the event's data: use one", "send", "--to", "http://127.0.0.1:1/", "--data", "{}", "-f", "a=1")]
    [InlineData("fseq: --field a.b=2: 'a' is set to a value already, not an object", "send", "--to", "http://127.0.0.1:1/", "-f", "a=1", "--field", "a.b=2")]
    [InlineData("fseq: --extension needs NAME=VALUE, NAME of lower-case letters and digits, not 'Region=eu'", "send", "--to", "http://127.0.0.1:1/", "--extension", "a=b", "--extension", "Region=eu")]
    [InlineData("fseq: --extension needs NAME=VALUE, NAME of lower-case letters and digits", "send", "--to", "http://127.0.0.1:1/", "--extension")]
    [InlineData("fseq: --extension cannot set id: use --id", "send", "--to", "http://127.0.0.1:1/", "--extension", "id=1")]
    [InlineData("fseq: --extension time=noon: Text for attribute 'time' is invalid: Invalid timestamp; time is an RFC 3339 timestamp, such as 2026-12-04T19:00:00Z", "send", "--to", "http://127.0.0.1:1/", "--extension", "time=noon")]
    [InlineData("fseq: unexpected argument 'extra' for send", "send", "--to", "http://127.0.0.1:1/", "extra")]
    [InlineData("fseq: --to needs an http or https URL, such as http://127.0.0.1:7071/api/brokers/default, or a resource as kn event send names one, such as Broker:eventing.knative.dev/v1:default, Sequence:flows.knative.dev/v1:NAME or broker:default, not 'sequence:seq'", "send", "--to", "sequence:seq", "--url", "http://127.0.0.1:1")]
    public async Task Bad_flags_are_usage_errors(string message, params string[] args)
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, args);

        Assert.True(exit == 64, stderr);
        Assert.Equal([message, "Run 'fseq send --help' for usage.", ""], stderr.Split('\n'));
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Event_Grid_publisher_sends_the_same_event_through_the_Azure_SDK()
    {
        // A local Broker answers like a topic, so the SDK path is checked end to end here.
        string id = NewId();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Type = "dev.knative.cronjob.event",
            Source = new Uri("/send-tests", UriKind.Relative),
            DataContentType = "application/json",
            Data = JsonDocument.Parse("""{"message": "Hello world!"}""").RootElement.Clone(),
        };
        cloudEvent["region"] = "eu";

        PublishResult result = await EventGridEventPublisher.PublishAsync(new Uri(runtime.Http.BaseAddress!, "/api/brokers/default"), cloudEvent, "local-key", TimeSpan.FromSeconds(100), CancellationToken.None);

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal("200 OK", result.Status);
        string block = await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        Assert.Contains("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", block, StringComparison.Ordinal);
        Assert.Contains("region: eu", block, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://orders.westeurope-1.eventgrid.azure.net/api/events", true)]
    [InlineData("https://ORDERS.eastus-1.EventGrid.Azure.Net", true)]
    [InlineData("http://127.0.0.1:7071/api/brokers/default", false)]
    [InlineData("https://myapp.azurewebsites.net/api/brokers/default", false)]
    [InlineData("https://eventgrid.azure.net.example.com/api/events", false)]
    public void Event_Grid_topics_are_told_by_their_host(string url, bool topic) =>
        Assert.Equal(topic, EventGridEventPublisher.IsTopic(new Uri(url)));

    private static string NewId() => "send-" + Guid.NewGuid().ToString("N");
}
