using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>
/// fseq's bad-input matrix (IntegrationTests.BadInputTests) through the Functions host: each bad
/// request gets its status and an application/problem+json body that says what was wrong, and the
/// app keeps serving.
/// </summary>
[Collection(BrokerTriggerHostGroup.Name)]
public sealed class BadInputTests(BrokerTriggerHost fixture)
{
    private const string Source = "/host-bad-input-tests";

    [SkippableTheory]
    [MemberData(nameof(BadInputCases.All), MemberType = typeof(BadInputCases))]
    public async Task Bad_request_gets_its_status_and_a_problem_then_a_good_event_still_goes_through(
        string what, string path, string? contentType, string body, HttpStatusCode status, string mention)
    {
        FunctionsHost host = fixture.Host;
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);

        using HttpResponseMessage response = await host.Http.PostAsync(path, content);

        string problem = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode} {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mention, BadInputCases.Detail(problem), StringComparison.Ordinal);
        await AGoodEventStillGoesThrough(host);
    }

    [SkippableFact]
    public async Task Batch_with_one_bad_event_is_refused_whole_and_nothing_of_it_runs()
    {
        FunctionsHost host = fixture.Host;
        string good = "bad-batch-" + Guid.NewGuid().ToString("N");
        string body = $$"""
            [{"specversion":"1.0","id":"{{good}}","source":"{{Source}}","type":"dev.knative.cronjob.event","datacontenttype":"application/json","data":{"message":"x"} },
             {"specversion":"1.0","id":"2","source":"{{Source}}"}]
            """;

        using HttpResponseMessage response = await host.Http.PostAsync("/api/brokers/default", new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing of the batch was accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AGoodEventStillGoesThrough(host);
        Assert.Empty(host.Log.Lines(good));
    }

    [SkippableFact]
    public async Task Over_one_megabyte_is_413_with_a_problem()
    {
        FunctionsHost host = fixture.Host;
        string data = new('x', 1024 * 1024 + 10);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sequences/sequence") { Content = new StringContent(data, Encoding.UTF8, "text/plain") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "big");
        request.Headers.Add("ce-source", Source);
        request.Headers.Add("ce-type", "t");

        using HttpResponseMessage response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AGoodEventStillGoesThrough(host);
    }

    [SkippableTheory]
    [InlineData("GET", "/api/sequences/sequence")]
    [InlineData("PUT", "/api/sequences/sequence")]
    [InlineData("DELETE", "/api/sequences/sequence")]
    [InlineData("HEAD", "/api/sequences/sequence")]
    [InlineData("HEAD", "/api/brokers/default")]
    [InlineData("GET", "/api/display")]
    [InlineData("PUT", "/api/display")]
    public async Task Other_methods_are_405_with_allow_and_a_problem(string method, string route)
    {
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), route));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [SkippableTheory]
    [InlineData("POST", "/api/runs")]
    [InlineData("DELETE", "/api/events/some-event")]
    [InlineData("PUT", "/api/dashboard")]
    public async Task A_read_only_route_answers_another_method_with_405_and_allow_as_fseq_does(string method, string route)
    {
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), route));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.Equal($"{method} is not allowed here: this route is read only; GET it.", BadInputCases.Detail(await response.Content.ReadAsStringAsync()));
    }

    private static async Task AGoodEventStillGoesThrough(FunctionsHost host)
    {
        string id = "good-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", id, source: Source, data: """{"message":"still here"}""");

        using HttpResponseMessage response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("still here - Handled by 0 - Handled by 1 - Handled by 2", await host.Log.WaitForDisplayAsync($"\n  id: {id}\n"), StringComparison.Ordinal);
    }
}
