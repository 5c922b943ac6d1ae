using System.Text.RegularExpressions;

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>A source's first tick on the host: how long a test waits for it, and the event it fired.</summary>
internal static partial class FirstTick
{
    /// <summary>
    /// A minute and a half: the timer's first wake looks back only over its own period (5 s in the
    /// tests), so a host that starts just after a minute's tick fires first at the next minute.
    /// </summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    /// <summary>The id of the first event <paramref name="source"/> (its kind and name, "PingSource ping-source") fires.</summary>
    public static async Task<string> FiredEventAsync(FunctionsHost host, string source)
    {
        ArgumentNullException.ThrowIfNull(host);
        string line = await host.Log.WaitForLineAsync($"{source} fired event ", Within);
        return FiredEvent().Match(line).Groups[1].Value;
    }

    [GeneratedRegex(@"fired event (\S+) to ")]
    private static partial Regex FiredEvent();
}
