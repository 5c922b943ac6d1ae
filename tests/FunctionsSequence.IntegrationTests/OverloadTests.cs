using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>A burst far above what the runtime holds: each event is either displayed or refused with 429, none lost.</summary>
public sealed class OverloadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Burst_of_5000_events_is_displayed_or_refused_with_429_and_none_is_lost()
    {
        await using FseqProcess fseq = FseqProcess.Start("run", "samples/2-reply-display", "--port", "0", "--max-in-flight", "300");
        using var http = new HttpClient { BaseAddress = await fseq.WaitUntilListeningAsync() };
        var accepted = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        string run = Guid.NewGuid().ToString("N")[..8];

        await Parallel.ForAsync(0, 5000, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
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
    }

    private static HashSet<string> DisplayedIds(string stdout) =>
        stdout.Split('\n').Where(l => l.StartsWith("  id: burst-", StringComparison.Ordinal)).Select(l => l[6..]).ToHashSet();
}
