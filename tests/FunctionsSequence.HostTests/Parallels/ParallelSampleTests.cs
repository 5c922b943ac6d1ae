using System.Globalization;
using System.Text.RegularExpressions;
using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Parallels;

/// <summary>
/// Knative's two odd/even Parallel samples as written, fired by the source timer on the Functions host:
/// samples/5-parallel (multiple branches, each with a filter) and the mutually exclusive one, whose
/// switcher takes the case each branch's filter URI names by its path.
/// </summary>
[RunsLong(2)]
public sealed partial class ParallelSampleTests
{
    [SkippableTheory]
    [InlineData("samples/5-parallel", "ping-source", "par5")]
    [InlineData("tests/FunctionsSequence.IntegrationTests/TestData/knative-docs/parallel-mutual-exclusivity.yaml", "me-ping-source", "parme")]
    public async Task The_ping_takes_the_branch_of_its_minute_and_its_answer_is_displayed_once(string manifests, string source, string taskHub)
    {
        await using FunctionsHost host = await FunctionsHost.StartAsync(
            HostAvailability.Ensure(),
            new HostSettings(HostSettings.NewTaskHub(taskHub), manifests) { SourceTickSchedule = "*/5 * * * * *" });

        string id = await FirstTick.FiredEventAsync(host, $"PingSource {source}");
        string block = await DisplayedOnce.AssertAsync(host, id);

        DateTimeOffset time = DateTimeOffset.Parse(Time().Match(block).Groups[1].Value, CultureInfo.InvariantCulture);
        long minute = (long)Math.Floor((time.ToUnixTimeMilliseconds() / 60_000d) + 0.5);
        Assert.Contains(minute % 2 == 0 ? "we are even!" : "this is odd!", block, StringComparison.Ordinal);
        Assert.Single(host.Log.Blocks);
    }

    [GeneratedRegex(@"time: (\S+)")]
    private static partial Regex Time();
}
