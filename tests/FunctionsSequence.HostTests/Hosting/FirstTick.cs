namespace FunctionsSequence.HostTests.Hosting;

/// <summary>How long a test waits for a source's first tick on the host.</summary>
internal static class FirstTick
{
    /// <summary>
    /// A minute and a half: the timer's first wake looks back only over its own period (5 s in the
    /// tests), so a host that starts just after a minute's tick fires first at the next minute.
    /// </summary>
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(90);
}
