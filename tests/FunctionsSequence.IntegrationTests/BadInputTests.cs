using System.Net;
using System.Text;

namespace FunctionsSequence.IntegrationTests;

/// <summary>Every kind of bad request gets its status and a problem body saying what was wrong; the runtime keeps going.</summary>
public sealed class BadInputTests(RuntimeFixture runtime) : IClassFixture<RuntimeFixture>
{
    private const string Source = "/bad-input-tests";

    [Theory]
    [MemberData(nameof(BadInputCases.All), MemberType = typeof(BadInputCases))]
    public async Task Bad_request_gets_its_status_and_a_problem_then_a_good_event_still_goes_through(
        string what, string path, string? contentType, string body, HttpStatusCode status, string mention)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using HttpResponseMessage response = await runtime.Http.PostAsync(path, content);

        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mention, BadInputCases.Detail(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AGoodEventStillGoesThrough();
    }

    [Fact]
    public async Task Batch_with_one_bad_event_is_refused_whole_and_nothing_of_it_runs()
    {
        string good = "bad-batch-" + Guid.NewGuid().ToString("N");
        string body = $$"""
            [{"specversion":"1.0","id":"{{good}}","source":"{{Source}}","type":"dev.knative.cronjob.event","datacontenttype":"application/json","data":{"message":"x"} },
             {"specversion":"1.0","id":"2","source":"{{Source}}"}]
            """;

        using HttpResponseMessage response = await runtime.Http.PostAsync("/api/brokers/default", new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing of the batch was accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AGoodEventStillGoesThrough();
        Assert.DoesNotContain(good, runtime.Fseq.Stdout + runtime.Fseq.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_one_megabyte_is_413()
    {
        string data = new('x', 1024 * 1024 + 10);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sequences/sequence") { Content = new StringContent(data, Encoding.UTF8, "text/plain") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "big");
        request.Headers.Add("ce-source", Source);
        request.Headers.Add("ce-type", "t");

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AGoodEventStillGoesThrough();
    }

    [Fact]
    public async Task Ce_headers_without_ce_specversion_are_400_naming_the_missing_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sequences/sequence") { Content = new StringContent("hello", Encoding.UTF8, "text/plain") };
        request.Headers.Add("ce-id", "no-version");
        request.Headers.Add("ce-source", Source);
        request.Headers.Add("ce-type", "t");

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Missing required header ce-specversion.", BadInputCases.Detail(await response.Content.ReadAsStringAsync()));
        await AGoodEventStillGoesThrough();
    }

    [Theory]
    [InlineData("1.0", "Header ce-type must not be empty.")]
    [InlineData(null, "Missing required header ce-specversion; header ce-type must not be empty.")]
    public async Task An_empty_required_header_is_said_to_be_empty_not_missing(string? specVersion, string detail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sequences/sequence") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (specVersion is not null)
        {
            request.Headers.Add("ce-specversion", specVersion);
        }

        request.Headers.Add("ce-id", "empty-type");
        request.Headers.Add("ce-source", Source);
        request.Headers.TryAddWithoutValidation("ce-type", string.Empty);

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, BadInputCases.Detail(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("POST", "/api/runs")]
    [InlineData("PUT", "/api/runs/some-run")]
    [InlineData("DELETE", "/api/events/some-event")]
    [InlineData("POST", "/")]
    [InlineData("DELETE", "/dashboard/graph")]
    public async Task A_read_only_route_answers_another_method_with_405_and_allow(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.Equal($"{method} is not allowed here: this route is read only; GET it.", BadInputCases.Detail(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("POST", "/api/sequence/sequence")]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances")]
    public async Task An_unknown_route_is_a_404_that_lists_the_routes_served(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"fseq serves no {method} {path}: events go to POST /api/sequences/{{name}}, ", BadInputCases.Detail(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public async Task Other_methods_are_405_with_allow(string method)
    {
        using HttpResponseMessage response = await runtime.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/sequences/sequence"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task AGoodEventStillGoesThrough()
    {
        string id = "good-" + Guid.NewGuid().ToString("N");
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", id, source: Source, data: """{"message":"still here"}""");

        using HttpResponseMessage response = await runtime.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("still here - Handled by 0 - Handled by 1 - Handled by 2", await runtime.Fseq.WaitForDisplayAsync($"id: {id}"), StringComparison.Ordinal);
    }
}
