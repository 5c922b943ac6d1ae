using System.Globalization;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.HostTests.Scenarios;
using FunctionsSequence.IntegrationTests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsSequence.HostTests.Inspection;

/// <summary>
/// The dashboard in a real browser on the Functions host, as fseq's is tried (<c>DashboardTests</c>):
/// opened at <c>/api/dashboard?code=KEY</c>, as the README says, the page passes the key on to every
/// route it polls (in the x-functions-key header), draws scenario 2 and shows an event sent to the Sequence reaching event-display.
/// </summary>
[RunsLong(1)]
public sealed class DashboardPageTests
{
    private static readonly string[] Scenario2 = ["source/cronjob-source", "sequence/sequence", "service/event-display"];

    public DashboardPageTests() => SetDefaultExpectTimeout(120_000);

    [SkippableFact]
    public async Task The_page_opened_with_the_key_shows_scenario_2_and_an_event_reaching_display()
    {
        string chromium = BrowserAvailability.Ensure();
        await using FunctionsHost host = await SeedHosts.StartAsync("2-reply-display");
        await using DashboardBrowser browser = await DashboardBrowser.OpenAsync(chromium, new Uri(host.BaseAddress, "/api/dashboard?code=" + Uri.EscapeDataString(host.Key)));
        IPage page = browser.Page;

        foreach (string node in Scenario2)
        {
            await Expect(page.Locator($"#topology g[data-node='{node}']")).ToBeVisibleAsync();
        }

        int before = await browser.CountInAsync("service/event-display"); // counted: the overview answered the page's keyed poll

        string id = $"dash-{Guid.NewGuid():N}";
        using (HttpResponseMessage sent = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id)))
        {
            Assert.True(sent.IsSuccessStatusCode, $"{sent.StatusCode}");
        }

        ILocator run = page.Locator("#recent-runs tr[data-run^='seq:sequence:']", new() { HasText = id });
        await Expect(run).ToContainTextAsync("step 2 (Service/third) · ok");
        await Expect(run.Locator(".status")).ToHaveTextAsync("completed");
        ILocator display = page.Locator("#topology g[data-node='service/event-display']");
        await Expect(display).Not.ToHaveAttributeAsync("data-in", before.ToString(CultureInfo.InvariantCulture));
        Assert.True(await browser.CountInAsync("service/event-display") > before);

        // Its path, read through the keyed events route.
        await page.Locator("#event-id").FillAsync(id);
        await page.Locator("#event-form button").ClickAsync();
        ILocator path = page.Locator("#event-path .path");
        await Expect(path).ToHaveCountAsync(1);
        await Expect(path).ToContainTextAsync("Sequence/sequence");
        await Expect(path).ToContainTextAsync("step 0 (Service/first) · ok");
        Assert.Contains(SeedHosts.Hello, await host.Log.WaitForDisplayAsync(id), StringComparison.Ordinal);

        // The key went in each request's header, not in its address, which proxies and logs keep: the page's own fetches name no code.
        string[] fetched = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
        Assert.Contains(fetched, address => address.Contains("/dashboard/overview", StringComparison.Ordinal));
        Assert.DoesNotContain(fetched, address => address.Contains("code=", StringComparison.Ordinal));
    }
}
