using Microsoft.Playwright;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// A headless Chromium (the Debian package, driven by Playwright, no browser download) with the
/// dashboard open at an address: fseq's page at <c>/</c>, or the Functions app's at
/// <c>/api/dashboard?code=KEY</c>.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser? browser;
    private readonly IPage? page;

    private DashboardBrowser(IPlaywright playwright, IBrowser? browser, IPage? page) =>
        (this.playwright, this.browser, this.page) = (playwright, browser, page);

    /// <summary>The page.</summary>
    public IPage Page => page ?? throw new InvalidOperationException("the dashboard did not open");

    /// <summary>Starts <paramref name="chromium"/> (from <see cref="BrowserAvailability.Ensure"/>) and opens <paramref name="address"/>.</summary>
    public static async Task<DashboardBrowser> OpenAsync(string chromium, Uri address)
    {
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
            IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });
            await page.GotoAsync(address.ToString());
            return new DashboardBrowser(playwright, browser, page);
        }
        catch
        {
            await new DashboardBrowser(playwright, browser, null).DisposeAsync();
            throw;
        }
    }

    /// <summary>How many events the box of <paramref name="node"/> (its <c>data-node</c>) counts in, once the page has counted it.</summary>
    public async Task<int> CountInAsync(string node)
    {
        ILocator box = Page.Locator($"#topology g[data-node='{node}']");
        await Assertions.Expect(box).ToHaveAttributeAsync("data-in", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        return int.Parse((await box.GetAttributeAsync("data-in"))!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }
        }
        finally
        {
            playwright.Dispose();
        }
    }
}
