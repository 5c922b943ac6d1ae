namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The Chromium the dashboard's browser test drives (the Debian package, which ./test.sh installs).
/// Without it the test is skipped and says why, except in CI (<c>CI</c> set), where it fails: a
/// green run there must mean the page ran in a browser.
/// </summary>
internal static class BrowserAvailability
{
    /// <summary>Where the browser is: <c>FSEQ_CHROMIUM</c>, else the Debian package's.</summary>
    public static string Path => Environment.GetEnvironmentVariable("FSEQ_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static bool Required => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the browser's path; skips the calling test, or fails it in CI, if there is none.</summary>
    public static string Ensure()
    {
        if (File.Exists(Path))
        {
            return Path;
        }

        string why = $"No Chromium at {Path}, so the dashboard was not tried in a browser: apt-get install -y chromium (./test.sh does), or set FSEQ_CHROMIUM to a Chromium.";
        if (Required)
        {
            Assert.Fail(why + " (Required here: CI is set.)");
        }

        throw new SkipException(why);
    }
}
