using System.Globalization;
using System.Text.RegularExpressions;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Parallels;

/// <summary>samples/5-parallel, Knative's odd/even Parallel, fired by the source timer on the Functions host.</summary>
public sealed partial class ParallelSampleTests
{
    [SkippableFact]
    public async Task The_ping_takes_the_branch_of_its_minute_and_its_answer_is_displayed_once()
    {
        await using FunctionsHost host = await FunctionsHost.StartAsync(
            HostAvailability.Ensure(),
            new HostSettings(HostSettings.NewTaskHub("par5"), "samples/5-parallel") { SourceTickSchedule = "*/5 * * * * *" });

        string id = await FirstTick.FiredEventAsync(host, "PingSource ping-source");
        string block = await DisplayedOnce.AssertAsync(host, id);

        DateTimeOffset time = DateTimeOffset.Parse(Time().Match(block).Groups[1].Value, CultureInfo.InvariantCulture);
        long minute = (long)Math.Floor((time.ToUnixTimeMilliseconds() / 60_000d) + 0.5);
        Assert.Contains(minute % 2 == 0 ? "we are even!" : "this is odd!", block, StringComparison.Ordinal);
        Assert.Single(host.Log.Blocks);
    }

    [GeneratedRegex(@"time: (\S+)")]
    private static partial Regex Time();
}
