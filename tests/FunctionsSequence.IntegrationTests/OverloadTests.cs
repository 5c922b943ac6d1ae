using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// A burst far above what the runtime holds: each event is either displayed or refused with 429, none
/// lost, and the 429s are counted in a few log lines, not one each. The Sequence's step holds each
/// event a second, so the bound is passed however fast the machine drains runs; and there are 160
/// senders, each waiting for its event's run to be scheduled, since 64 could hold at most 320 events in
/// flight (4 runs of 64 and 64 waiting), which passed the bound of 300 only when every run was nearly full.
/// </summary>
public sealed partial class OverloadTests(StepServer steps, ITestOutputHelper output) : IClassFixture<StepServer>
{
    private const int Senders = 160;

    [Fact]
    public async Task Burst_of_5000_events_is_displayed_or_refused_with_429_and_none_is_lost()
    {
        string manifest = EventDisplayService.With($$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: sequence
            spec:
              steps:
                - uri: {{new Uri(steps.BaseAddress, "/hold")}}
              reply:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """);
        await using ManifestRun fseqRun = await ManifestRun.StartAsync(manifest, "--max-in-flight", "300");
        FseqProcess fseq = fseqRun.Fseq;
        HttpClient http = fseqRun.Http;
        var accepted = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        string run = Guid.NewGuid().ToString("N")[..8];
        var elapsed = Stopwatch.StartNew();

        await Parallel.ForAsync(0, 5000, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (i, ct) =>
        {
            string id = $"burst-{run}-{i}";
            using HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/sequence", id, source: "/burst");
            using HttpResponseMessage response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted.Add(id);
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                refused.Add(id);
            }
        });

        Assert.Equal(5000, accepted.Count + refused.Count);
        Assert.NotEmpty(refused);
        DateTime deadline = DateTime.UtcNow.AddSeconds(120);
        HashSet<string> displayed;
        do
        {
            await Task.Delay(250);
            displayed = DisplayedIds(fseq.Stdout);
        }
        while (displayed.Count < accepted.Count && DateTime.UtcNow < deadline);

        Assert.True(accepted.All(displayed.Contains), $"{accepted.Count(id => !displayed.Contains(id))} accepted event(s) never displayed");
        Assert.DoesNotContain(refused, displayed.Contains);
        Assert.Equal(accepted.Count, displayed.Count);
        output.WriteLine($"accepted {accepted.Count}, refused with 429 {refused.Count}, peak memory {fseq.PeakMemoryMiB():0} MiB");

        // Every 429 is in one line, the count of the last ones by the next 10 s tick at the latest:
        // the first of a spell by itself, the others in the counts of the lines that follow it.
        (int lines, long logged) = RefusalsLogged(fseq.Stderr);
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (logged < refused.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            (lines, logged) = RefusalsLogged(fseq.Stderr);
        }

        output.WriteLine($"{refused.Count} refusals in {lines} log lines over {elapsed.Elapsed.TotalSeconds:0} s");
        Assert.Equal(refused.Count, logged);
        Assert.InRange(lines, 1, 3 * ((int)(elapsed.Elapsed.TotalSeconds / 10) + 2));
    }

    /// <summary>The log lines about 429s, and how many 429s they account for.</summary>
    private static (int Lines, long Refused) RefusalsLogged(string stderr)
    {
        int lines = 0;
        long refused = 0;
        foreach (string line in stderr.Split('\n'))
        {
            if (line.Contains(" refused with 429 ", StringComparison.Ordinal))
            {
                lines++;
                refused++;
            }
            else if (RefusedMore().Match(line) is { Success: true } more)
            {
                lines++;
                refused += long.Parse(more.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return (lines, refused);
    }

    [GeneratedRegex(" refused ([0-9]+) more request\\(s\\) with 429 ")]
    private static partial Regex RefusedMore();

    private static HashSet<string> DisplayedIds(string stdout) =>
        stdout.Split('\n').Where(l => l.StartsWith("  id: burst-", StringComparison.Ordinal)).Select(l => l[6..]).ToHashSet();
}
