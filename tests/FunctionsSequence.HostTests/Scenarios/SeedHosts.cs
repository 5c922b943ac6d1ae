using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Scenarios;

/// <summary>
/// The seed's scenarios on the host, each from its samples/ folder on a host of its own. Those
/// fired by the source timer have a class each, so that they wait for the same minute's tick side
/// by side rather than one after the other.
/// </summary>
internal static class SeedHosts
{
    /// <summary>What scenarios 2, 3 and 4 display: the seed's event through its three appenders.</summary>
    public const string Hello = "Hello world! - Handled by 0 - Handled by 1 - Handled by 2";

    /// <summary>The source timer's wake in the tests of a timer-fired scenario.</summary>
    public const string EveryFiveSeconds = "*/5 * * * * *";

    /// <summary>Longer than one timer period: time for a second firing of the same tick to show.</summary>
    public static readonly TimeSpan TimerSettle = TimeSpan.FromSeconds(7);

    public static Task<FunctionsHost> StartAsync(string scenario, string schedule = HostSettings.NeverTick) =>
        FunctionsHost.StartAsync(
            HostAvailability.Ensure(),
            new HostSettings(HostSettings.NewTaskHub("seed" + scenario[0]), $"samples/{scenario}") { SourceTickSchedule = schedule });
}
