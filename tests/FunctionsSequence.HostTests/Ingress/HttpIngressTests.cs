using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>The CloudEvents routes of the Functions app on the host, as a client would use them: with the function key.</summary>
[Collection(BrokerTriggerHostGroup.Name)]
public sealed class HttpIngressTests(BrokerTriggerHost fixture)
{
    private const string Transformed = "Hello world! - Handled by 0 - Handled by 1 - Handled by 2";

    private static string NewId() => "host-" + Guid.NewGuid().ToString("N");

    [SkippableFact]
    public async Task Event_posted_to_the_sequence_is_displayed_transformed_once()
    {
        FunctionsHost host = fixture.Host;
        string id = NewId();

        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id).WithTime());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string block = await DisplayedOnce.AssertAsync(host, id);
        // The Sequence replies to the Broker, whose display Trigger delivers it: with the Broker's arrival time.
        Assert.Equal(DisplayBlocks.Expected(Transformed, viaBroker: true), DisplayBlocks.Normalize(block));
    }

    [SkippableFact]
    public async Task The_display_route_prints_an_event_once_however_often_it_comes()
    {
        FunctionsHost host = fixture.Host;
        string id = NewId();

        using HttpResponseMessage first = await host.Http.SendAsync(CloudEventRequests.Binary("/api/display", id, type: "samples.http.mod3"));
        using HttpResponseMessage again = await host.Http.SendAsync(CloudEventRequests.Binary("/api/display", id, type: "samples.http.mod3"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        await DisplayedOnce.AssertAsync(host, id);
    }

    [SkippableFact]
    public async Task Structured_event_posted_to_the_broker_is_routed_through_both_triggers_and_displayed_once()
    {
        FunctionsHost host = fixture.Host;
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

        using HttpResponseMessage response = await host.Http.PostAsync("/api/brokers/default", new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Transformed, await DisplayedOnce.AssertAsync(host, id), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_structured_events_extension_named_in_upper_case_is_displayed_lowered()
    {
        FunctionsHost host = fixture.Host;
        string id = NewId();
        string body = $$"""{ "specversion": "1.0", "type": "t", "source": "urn:upper", "id": "{{id}}", "MyExt": "v" }""";

        using HttpResponseMessage response = await host.Http.PostAsync("/api/display", new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("Extensions,\n  myext: v\n", await DisplayedOnce.AssertAsync(host, id), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task In_a_burst_an_event_sent_twice_is_displayed_once()
    {
        FunctionsHost host = fixture.Host;
        string[] ids = [.. Enumerable.Range(0, 30).Select(_ => NewId())];

        // Each event twice, the copies close together, as a client that retries on a timeout sends them.
        HttpStatusCode[] statuses = await Task.WhenAll(ids.Concat(ids).Select(async id =>
        {
            using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id));
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        foreach (string id in ids)
        {
            await host.Log.WaitForDisplayAsync($"\n  id: {id}\n");
        }

        await Task.Delay(DisplayedOnce.Settle);
        Assert.All(ids, id => Assert.Equal(1, host.Log.Displayed(id)));
    }

    [SkippableTheory] // the CloudEvents JSON batch format: a batch may be empty
    [InlineData("/api/sequences/sequence", HttpStatusCode.Accepted)]
    [InlineData("/api/brokers/default", HttpStatusCode.OK)]
    [InlineData("/api/services/first", HttpStatusCode.Accepted)]
    [InlineData("/api/display", HttpStatusCode.Accepted)]
    public async Task An_empty_batch_is_taken_with_nothing_to_run(string path, HttpStatusCode expected)
    {
        using HttpResponseMessage response = await fixture.Host.Http.PostAsync(path, new StringContent("[]", Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.Equal(expected, response.StatusCode);
    }

    [SkippableFact]
    public async Task Service_route_answers_with_the_reply_event_in_binary_mode()
    {
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/services/first", NewId()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("samples.http.mod3", response.Headers.GetValues("ce-type").Single());
        Assert.Contains("Hello world! - Handled by 0", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Service_route_answers_a_batch_with_a_batch_of_replies()
    {
        string[] ids = [NewId(), NewId()];
        string batch = "[" + string.Join(",", ids.Select(id =>
            $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/batch","type":"t","datacontenttype":"application/json","data":{"message":"{{{id}}}"}}""")) + "]";

        using HttpResponseMessage response = await fixture.Host.Http.PostAsync("/api/services/first", new StringContent(batch, Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cloudevents-batch+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument replies = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ids, replies.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.All(replies.RootElement.EnumerateArray(), r => Assert.EndsWith(" - Handled by 0", r.GetProperty("data").GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("/api/sequences/sequence")]
    [InlineData("/api/brokers/default")]
    [InlineData("/api/services/first")]
    [InlineData("/api/display")]
    public async Task Without_the_function_key_a_post_is_401_and_nothing_runs(string path)
    {
        FunctionsHost host = fixture.Host;
        Skip.IfNot(host.EnforcesKeys, "Core Tools does not check function keys");
        using HttpClient anonymous = host.NewClient(withKey: false);
        string id = NewId();

        using HttpResponseMessage response = await anonymous.SendAsync(CloudEventRequests.Binary(path, id, type: "samples.http.mod3"));
        using HttpResponseMessage wrongKey = await anonymous.SendAsync(WithKey(CloudEventRequests.Binary(path, id, type: "samples.http.mod3"), "not-the-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1)); // refused by the host: not even the worker hears of it
        Assert.Empty(host.Log.Lines(id));
    }

    [SkippableFact]
    public async Task The_key_may_come_as_the_code_query_parameter()
    {
        FunctionsHost host = fixture.Host;
        using HttpClient anonymous = host.NewClient(withKey: false);
        string id = NewId();

        using HttpResponseMessage response = await anonymous.SendAsync(CloudEventRequests.Binary($"/api/sequences/sequence?code={host.Key}", id));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await DisplayedOnce.AssertAsync(host, id);
    }

    [SkippableFact]
    public async Task Unknown_target_is_404_with_a_problem()
    {
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/nope", NewId()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("known: sequence", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_name_posted_to_the_wrong_kinds_route_is_404_saying_which_route_has_it()
    {
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/services/sequence", NewId()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("A Sequence is named 'sequence': send to /api/sequences/sequence.", BadInputCases.Detail(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_double_quoted_header_value_is_displayed_unquoted()
    {
        FunctionsHost host = fixture.Host;
        string id = NewId();
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/display", id, type: "samples.http.mod3");
        request.Headers.TryAddWithoutValidation("ce-subject", "\"quoted value\"");

        using HttpResponseMessage response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\n  subject: quoted value\n", await DisplayedOnce.AssertAsync(host, id), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Other_methods_are_405_with_allow()
    {
        using HttpResponseMessage response = await fixture.Host.Http.GetAsync("/api/brokers/default");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("x-functions-key", key);
        return request;
    }
}
