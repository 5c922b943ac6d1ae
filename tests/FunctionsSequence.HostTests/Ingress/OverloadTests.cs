using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>
/// Back-pressure and what the app writes on the host: above <c>FunctionsSequence__MaxInFlight</c>
/// events in flight on an instance, ingress answers 429 with Retry-After and accepts nothing of
/// the request; what it accepted is displayed, once; the task hub's history holds the events as
/// written, not with every quote escaped.
/// </summary>
public sealed partial class OverloadTests(OverloadTests.Host fixture) : IClassFixture<OverloadTests.Host>
{
    [SkippableFact]
    public async Task Above_the_bound_ingress_answers_429_and_every_accepted_event_is_displayed_once()
    {
        string[] ids = [.. Enumerable.Range(0, 150).Select(i => $"overload-{i}-{Guid.NewGuid():N}")];
        HttpStatusCode[] answers = await Task.WhenAll(ids.Select(async id =>
        {
            using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 without Retry-After");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            return response.StatusCode;
        }));

        string[] accepted = [.. ids.Where((_, i) => answers[i] == HttpStatusCode.Accepted)];
        string[] refused = [.. ids.Where((_, i) => answers[i] == HttpStatusCode.TooManyRequests)];
        Assert.True(refused.Length > 0, $"no 429 in a burst of {ids.Length} with at most 5 in flight; answers: {string.Join(", ", answers.Distinct())}");
        Assert.Equal(ids.Length, accepted.Length + refused.Length);
        await Eventually.UntilAsync(() => accepted.All(id => fixture.Host.Log.Displayed(id) > 0), TimeSpan.FromSeconds(60), () => $"{accepted.Count(id => fixture.Host.Log.Displayed(id) == 0)} accepted events not displayed");
        await Task.Delay(DisplayedOnce.Settle);

        Assert.All(accepted, id => Assert.Equal(1, fixture.Host.Log.Displayed(id)));
        Assert.All(refused, id => Assert.Equal(0, fixture.Host.Log.Displayed(id)));

        // Refusals are counted into a line of their own (1902), not written once each by ASP.NET Core's result executors;
        // the lines written with each spell's first 429 (1901) and the counts add up to every 429, those counted from the
        // timer, outside any invocation, included.
        Assert.Empty(fixture.Host.Log.Lines("Setting HTTP status code"));

        // Then refusals with no request accepted after them: only the timer can count them, outside any invocation.
        foreach (string id in Enumerable.Range(0, 5).Select(i => $"overload-hold-{i}-{Guid.NewGuid():N}"))
        {
            using HttpResponseMessage held = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id));
        }

        HttpStatusCode[] more = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", $"overload-more-{i}-{Guid.NewGuid():N}"));
            return response.StatusCode;
        }));
        int refusals = refused.Length + more.Count(status => status == HttpStatusCode.TooManyRequests);
        await Eventually.UntilAsync(() => LoggedRefusals() == refusals, TimeSpan.FromSeconds(40),
            () => $"{refusals} refused, {LoggedRefusals()} in the log:\n{string.Join('\n', fixture.Host.Log.Lines(" with 429"))}");
    }

    private long LoggedRefusals() =>
        fixture.Host.Log.Lines("/api/sequences/sequence refused with 429 ").Count
        + fixture.Host.Log.Lines(" more request(s) with 429 ").Sum(line => long.Parse(RefusedMore().Match(line).Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(" refused ([0-9]+) more request\\(s\\) with 429 ")]
    private static partial Regex RefusedMore();

    [SkippableFact]
    public async Task A_batch_larger_than_the_bound_is_refused_as_too_large_not_told_to_retry()
    {
        string[] ids = [.. Enumerable.Range(0, 6).Select(i => $"oversized-{i}-{Guid.NewGuid():N}")];
        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Batch("/api/sequences/sequence", ids.Select(id => (id, "dev.knative.cronjob.event"))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Contains("The request holds 6 events, more than this runtime holds in flight at once (5;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(DisplayedOnce.Settle);
        Assert.All(ids, id => Assert.Equal(0, fixture.Host.Log.Displayed(id)));
    }

    [SkippableFact]
    public async Task Orchestration_history_holds_events_with_their_quotes_escaped_once()
    {
        string id = "payload-" + Guid.NewGuid().ToString("N");
        using (HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id)))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await DisplayedOnce.AssertAsync(fixture.Host, id);
        var history = new TableClient("UseDevelopmentStorage=true", fixture.Host.Settings.TaskHub + "History");
        var payloads = new List<string>();
        await foreach (TableEntity row in history.QueryAsync<TableEntity>())
        {
            payloads.AddRange(row.Select(p => p.Value).OfType<string>().Where(v => v.Contains(id, StringComparison.Ordinal)));
        }

        Assert.NotEmpty(payloads);
        Assert.All(payloads, p => Assert.DoesNotContain(@"\u0022", p, StringComparison.Ordinal));
        Assert.Contains(payloads, p => p.Contains("\\\"specversion\\\":\\\"1.0\\\"", StringComparison.Ordinal));
    }

    /// <summary>Scenario 2 with room for 5 events in flight.</summary>
    public sealed class Host : HostFixture
    {
        internal override HostSettings CreateSettings() =>
            new(HostSettings.NewTaskHub("overload"), "samples/2-reply-display")
            {
                Extra = new Dictionary<string, string> { ["FunctionsSequence__MaxInFlight"] = "5" },
            };
    }
}
