using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.HostTests.Delivery;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Inspection;

/// <summary>
/// The app's inspection routes on the Functions host: a dead-lettered event's run is listed and its
/// hop read back as fseq shows it (<c>fseq runs --url</c>, <c>fseq event ID --url --key</c> read these
/// routes), and the routes need the function key; so does the dashboard, which takes it in its query.
/// </summary>
public sealed class InspectionRouteTests(DeliveryHost fixture) : IClassFixture<DeliveryHost>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_dead_lettered_event_is_found_by_its_id_with_its_hop_attempts_and_sink()
    {
        string id = "i-" + Guid.NewGuid().ToString("N");
        using (HttpResponseMessage posted = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/rejecting", id, "test.event", "/host-inspection-tests", """{"message":"hi"}""")))
        {
            Assert.True(posted.IsSuccessStatusCode, $"{posted.StatusCode}");
        }

        await fixture.Steps.WaitAtAsync("/dls", id);
        EventReport? report = null;
        await Eventually.UntilAsync(() => (report = Get<EventReport>($"/api/events/{id}")) is { Runs: [{ Run.Status: "completed" }] }, Timeout, () => $"no completed run for {id}");

        RunDetail run = Assert.Single(report!.Runs);
        Assert.Equal(("Sequence", "rejecting"), (run.Run.Kind, run.Run.Target));
        HopStatus hop = Assert.Single(Assert.Single(run.Events).Hops);
        Assert.Equal((1, "dead-lettered", 422), (hop.Attempts, hop.Result, hop.Status));
        Assert.Equal(new Uri(fixture.Steps.BaseAddress, "/dls").ToString(), hop.DeadLetterSink);

        RunSummary listed = Assert.Single(Get<List<RunSummary>>("/api/runs?sequence=rejecting&status=completed&limit=1000")!, r => r.Id == run.Run.Id);
        Assert.Equal(1, listed.DeadLettered);
        Assert.Equal(run.Run.Id, Get<RunDetail>($"/api/runs/{Uri.EscapeDataString(run.Run.Id)}")!.Run.Id);
    }

    [SkippableFact]
    public async Task The_routes_need_the_function_key_and_say_what_was_wrong_with_a_query()
    {
        Skip.IfNot(fixture.Host.EnforcesKeys, "Core Tools does not check function keys");
        using HttpClient anonymous = fixture.Host.NewClient(withKey: false);
        foreach (string route in new[] { "/api/runs", "/api/runs/seq:x:0", "/api/events/some-id" })
        {
            using HttpResponseMessage refused = await anonymous.GetAsync(route);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        (int exit, _, string stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--url", fixture.Host.BaseAddress.ToString());
        Assert.Equal(1, exit);
        Assert.Contains("401 Unauthorized", stderr, StringComparison.Ordinal);
        Assert.Contains("need its function key: give --key KEY", stderr, StringComparison.Ordinal);

        using HttpResponseMessage bad = await fixture.Host.Http.GetAsync("/api/runs?status=sideways");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("status 'sideways' is not a run state", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage twoTargets = await fixture.Host.Http.GetAsync("/api/runs?sequence=rejecting&trigger=rejecting");
        Assert.Equal(HttpStatusCode.BadRequest, twoTargets.StatusCode);
        Assert.Contains("give at most one of sequence, parallel, trigger", await twoTargets.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage none = await fixture.Host.Http.GetAsync("/api/events/never-sent");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [SkippableFact]
    public async Task The_dashboard_serves_its_page_and_overview_with_the_key_in_its_query_and_refuses_without()
    {
        string code = "?code=" + Uri.EscapeDataString(fixture.Host.Key);
        using HttpClient plain = fixture.Host.NewClient(withKey: false);
        using HttpResponseMessage page = await plain.GetAsync("/api/dashboard" + code);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-node=\"sequence/rejecting\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage overview = await plain.GetAsync("/api/dashboard/overview" + code);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await overview.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("counts").TryGetProperty("sequence/rejecting", out _), json.RootElement.ToString());

        Skip.IfNot(fixture.Host.EnforcesKeys, "Core Tools does not check function keys");
        foreach (string route in new[] { "/api/dashboard", "/api/dashboard/overview", "/api/dashboard/events/some-id" })
        {
            using HttpResponseMessage refused = await plain.GetAsync(route);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    private T? Get<T>(string route)
    {
        using HttpResponseMessage response = fixture.Host.Http.GetAsync(route).GetAwaiter().GetResult();
        return response.IsSuccessStatusCode ? response.Content.ReadFromJsonAsync<T>(InspectionApi.Json).GetAwaiter().GetResult() : default;
    }
}
