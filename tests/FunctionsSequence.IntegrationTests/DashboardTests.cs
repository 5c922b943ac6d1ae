using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The dashboard in a real browser (headless Chromium through Playwright, no browser download):
/// fseq runs scenario 4 on Azurite (which keeps finished runs, so what the page shows stays put),
/// the page draws its graph, and an event sent to the Broker is seen reaching event-display: the
/// count there goes up, its runs appear in the recent runs, and its path reads hop by hop.
/// <c>FSEQ_DASHBOARD_SCREENSHOT=PATH</c> saves a screenshot of the page at the end (README's docs/dashboard.png).
/// </summary>
public sealed class DashboardTests : IDisposable
{
    private static readonly string[] Scenario4 =
        ["source/cronjob-source", "broker/default", "trigger/sequence-trigger", "trigger/display-trigger", "sequence/sequence", "service/event-display"];

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public DashboardTests() => SetDefaultExpectTimeout(120_000);

    public void Dispose() => http.Dispose();

    [SkippableFact]
    public async Task The_page_shows_scenario_4_and_an_event_reaching_display()
    {
        string chromium = BrowserAvailability.Ensure();
        await Azurite.EnsureRunningAsync();
        string taskHub = $"dash{Guid.NewGuid():N}"[..20];
        await using FseqProcess fseq = FseqProcess.Start("run", "samples/4-broker-trigger", "--port", "0", "--store", "azurite", "--task-hub", taskHub);
        Uri address = await fseq.WaitUntilListeningAsync();

        await using DashboardBrowser browser = await DashboardBrowser.OpenAsync(chromium, address);
        IPage page = browser.Page;

        foreach (string node in Scenario4)
        {
            await Expect(page.Locator($"#topology g[data-node='{node}']")).ToBeVisibleAsync();
        }

        ILocator display = page.Locator("#topology g[data-node='service/event-display']");
        int before = await browser.CountInAsync("service/event-display");

        // A cron event, as the scenario's source sends: the Sequence's reply reaches event-display through display-trigger.
        string id = $"dash-{Guid.NewGuid():N}";
        (await http.SendAsync(CloudEventRequests.Binary(new Uri(address, "/api/brokers/default").ToString(), id, type: "dev.knative.cronjob.event"))).EnsureSuccessStatusCode();

        ILocator displayRun = page.Locator("#recent-runs tr[data-run^='trg:display-trigger:']", new() { HasText = id });
        await Expect(displayRun).ToContainTextAsync("subscriber (Service/event-display) · ok");
        await Expect(displayRun.Locator(".status")).ToHaveTextAsync("completed");
        await Expect(page.Locator("#recent-runs tr[data-run^='seq:sequence:']", new() { HasText = id })).ToContainTextAsync("step 2 (Service/third) · ok");
        await Expect(display).Not.ToHaveAttributeAsync("data-in", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        int after = await browser.CountInAsync("service/event-display");
        Assert.True(after > before, $"event-display's count went from {before} to {after}");
        await Expect(display.Locator("text.count")).ToContainTextAsync($"in {after}");

        // Its path: the Trigger into the Sequence, the Sequence's steps, the Trigger into event-display.
        await page.Locator("#event-id").FillAsync(id);
        await page.Locator("#event-form button").ClickAsync();
        ILocator path = page.Locator("#event-path .path");
        await Expect(path).ToHaveCountAsync(3);
        await Expect(path.Nth(0)).ToContainTextAsync("Trigger/sequence-trigger");
        await Expect(path.Nth(1)).ToContainTextAsync("Sequence/sequence");
        await Expect(path.Nth(1)).ToContainTextAsync("step 0 (Service/first) · ok");
        await Expect(path.Nth(2)).ToContainTextAsync("Trigger/display-trigger");
        await Expect(path.Nth(2)).ToContainTextAsync("subscriber (Service/event-display) · ok");

        if (Environment.GetEnvironmentVariable("FSEQ_DASHBOARD_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            await page.ScreenshotAsync(new() { Path = System.IO.Path.GetFullPath(screenshot, FseqProcess.RepoRoot), FullPage = true });
        }
    }
}
