using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The CloudEvents routes of a running <c>fseq run</c>, as a client or Event Grid would use them.</summary>
public sealed class HttpIngressTests(RuntimeFixture runtime) : IClassFixture<RuntimeFixture>
{
    private static HttpRequestMessage Binary(string path, string id, string type = "dev.knative.cronjob.event", string data = """{"message": "Hello world!"}""") =>
        CloudEventRequests.Binary(path, id, type, data: data);

    private static string NewId() => "e2e-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Event_posted_to_the_sequence_comes_out_transformed()
    {
        string id = NewId();

        using HttpResponseMessage response = await runtime.Http.SendAsync(Binary("/api/sequences/sequence", id));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string block = await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        Assert.Contains("type: samples.http.mod3", block, StringComparison.Ordinal);
        Assert.Contains("\"message\": \"Hello world! - Handled by 0 - Handled by 1 - Handled by 2\"", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_burst_an_event_sent_twice_is_run_once()
    {
        string[] ids = [.. Enumerable.Range(0, 40).Select(_ => NewId())];

        // Each event twice, the copies close together, as a client that retries on a timeout sends them.
        HttpStatusCode[] statuses = await Task.WhenAll(ids.Concat(ids).Select(async id =>
        {
            using HttpResponseMessage response = await runtime.Http.SendAsync(Binary("/api/sequences/sequence", id));
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        foreach (string id in ids)
        {
            await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a second display to show up
        IReadOnlyList<string> blocks = DisplayBlocks.Parse(runtime.Fseq.Stdout);
        Assert.All(ids, id => Assert.Single(blocks, b => b.Contains($"id: {id}\n", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Structured_event_posted_to_the_broker_is_routed_through_the_triggers()
    {
        string id = NewId();
        string body = JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            id,
            source = "/apis/v1/namespaces/default/cronjobsources/cronjob-source",
            type = "dev.knative.cronjob.event",
            datacontenttype = "application/json",
            data = new { message = "Hello world!" },
        });

        using HttpResponseMessage response = await runtime.Http.PostAsync("/api/brokers/default", new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string block = await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        Assert.Contains("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_Grid_SDK_publishes_to_a_local_broker_as_to_a_topic()
    {
        // The SDK appends ?api-version, sends a batch and an aeg-sas-key header, and accepts only 200.
        var client = new EventGridPublisherClient(new Uri(runtime.Http.BaseAddress!, "/api/brokers/default"), new AzureKeyCredential("local-dev-key"));
        string id = NewId();
        var cloudEvent = new CloudEvent("/apis/v1/namespaces/default/cronjobsources/cronjob-source", "dev.knative.cronjob.event", new { message = "Hello world!" })
        {
            Id = id,
        };

        Response response = await client.SendEventAsync(cloudEvent);

        Assert.Equal(200, response.Status);
        string block = await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        Assert.Contains("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_display_route_prints_an_event_once_however_often_it_comes_as_on_the_Functions_host()
    {
        string id = NewId();

        using HttpResponseMessage first = await runtime.Http.SendAsync(Binary("/api/display", id, type: "samples.http.mod3"));
        using HttpResponseMessage again = await runtime.Http.SendAsync(Binary("/api/display", id, type: "samples.http.mod3"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a second display to show up
        Assert.Single(DisplayBlocks.Parse(runtime.Fseq.Stdout), b => b.Contains($"id: {id}\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Service_route_answers_with_the_reply_event_in_binary_mode()
    {
        using HttpResponseMessage response = await runtime.Http.SendAsync(Binary("/api/services/first", NewId()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("samples.http.mod3", response.Headers.GetValues("ce-type").Single());
        Assert.Contains("Hello world! - Handled by 0", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_data_is_opaque_data_through_the_broker_to_the_display()
    {
        // Knative's data is opaque: application/xml goes through as text, as text/xml does.
        string id = "xml-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/brokers/default", id, "samples.http.mod3");
        request.Content = new StringContent("<order id=\"7\">&amp;</order>", System.Text.Encoding.UTF8, "application/xml");

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        string block = await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
        Assert.Contains("datacontenttype: application/xml", block, StringComparison.Ordinal);
        Assert.Contains("<order id=\"7\">&amp;</order>", block, StringComparison.Ordinal);
    }

    [Theory] // the CloudEvents JSON batch format: a batch may be empty
    [InlineData("/api/sequences/sequence", HttpStatusCode.Accepted)]
    [InlineData("/api/brokers/default", HttpStatusCode.OK)]
    [InlineData("/api/services/first", HttpStatusCode.Accepted)]
    [InlineData("/api/display", HttpStatusCode.Accepted)]
    public async Task An_empty_batch_is_taken_with_nothing_to_run(string path, HttpStatusCode expected)
    {
        using HttpResponseMessage response = await runtime.Http.PostAsync(path, new StringContent("[]", Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_target_is_404_with_a_problem()
    {
        using HttpResponseMessage response = await runtime.Http.SendAsync(Binary("/api/sequences/nope", NewId()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("known: sequence", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_posted_to_the_wrong_kinds_route_is_404_saying_which_route_has_it()
    {
        using HttpResponseMessage response = await runtime.Http.SendAsync(Binary("/api/services/sequence", NewId()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("A Sequence is named 'sequence': send to /api/sequences/sequence.", BadInputCases.Detail(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact] // the CloudEvents HTTP binding, 3.1.3.2: double-quoted strings are unescaped first
    public async Task A_double_quoted_header_value_is_displayed_unquoted()
    {
        string id = NewId();
        using HttpRequestMessage request = Binary("/api/display", id, type: "samples.http.mod3");
        request.Headers.TryAddWithoutValidation("ce-subject", "\"quoted value\"");

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\n  subject: quoted value\n", await runtime.Fseq.WaitForDisplayAsync($"id: {id}"), StringComparison.Ordinal);
    }

    [Fact] // Knative's Go ingress takes a header value in raw UTF-8 as it is (the binding asks senders to percent-encode); Kestrel reads UTF-8
    public async Task A_header_value_in_raw_utf8_is_taken_and_one_not_utf8_is_400()
    {
        using var http = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = runtime.Http.BaseAddress };
        string id = NewId();
        using HttpRequestMessage utf8 = Binary("/api/display", id, type: "samples.http.mod3");
        utf8.Headers.TryAddWithoutValidation("ce-subject", "café ☁");
        using var latin1Client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 }) { BaseAddress = runtime.Http.BaseAddress };
        using HttpRequestMessage latin1 = Binary("/api/display", NewId(), type: "samples.http.mod3");
        latin1.Headers.TryAddWithoutValidation("ce-subject", "café");

        using HttpResponseMessage taken = await http.SendAsync(utf8);
        using HttpResponseMessage refused = await latin1Client.SendAsync(latin1);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.BadRequest), (taken.StatusCode, refused.StatusCode));
        Assert.Contains("\n  subject: café ☁\n", await runtime.Fseq.WaitForDisplayAsync($"id: {id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        using HttpResponseMessage response = await runtime.Http.GetAsync("/api/brokers/default");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Options_answers_the_cloudevents_webhook_handshake()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/brokers/default");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
        Assert.True(response.Headers.Contains("WebHook-Allowed-Rate"));

        // A subscription to a name that is not there fails to validate, rather than every delivery failing later.
        using var misspelt = new HttpRequestMessage(HttpMethod.Options, "/api/brokers/defualt");
        misspelt.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        using HttpResponseMessage notFound = await runtime.Http.SendAsync(misspelt);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.False(notFound.Headers.Contains("WebHook-Allowed-Origin"));
    }

    [Fact]
    public async Task Invalid_event_is_400_and_the_runtime_keeps_serving()
    {
        using HttpRequestMessage bad = Binary("/api/sequences/sequence", NewId());
        bad.Headers.Remove("ce-specversion");
        bad.Headers.Add("ce-specversion", "9000.1");

        using HttpResponseMessage response = await runtime.Http.SendAsync(bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("9000.1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        string id = NewId();
        using HttpResponseMessage good = await runtime.Http.SendAsync(Binary("/api/sequences/sequence", id));
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        await runtime.Fseq.WaitForDisplayAsync($"id: {id}");
    }
}
