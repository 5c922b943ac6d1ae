using System.Diagnostics;

namespace FunctionsSequence.Benchmarks;

/// <summary>How the in-memory rows send their events, whichever process sends them.</summary>
internal static class LoadShape
{
    /// <summary>Concurrent senders at saturation.</summary>
    public const int Senders = 64;

    /// <summary>Events sent before the clock starts: 20 one at a time (runs of their own), then a burst (shared runs), so both paths are compiled.</summary>
    public const int WarmUp = 220;

    /// <summary>Sends the warm-up events, ids <c>warm-0</c> and on.</summary>
    public static async Task WarmUpAsync(Func<string, Task> send)
    {
        for (int i = 0; i < 20; i++)
        {
            await send($"warm-{i}");
        }

        await Parallel.ForAsync(20, WarmUp, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (i, _) => await send($"warm-{i}"));
    }

    /// <summary>
    /// Sends events 0 to <paramref name="events"/> - 1, as fast as <see cref="Senders"/> senders go
    /// or one every 1/<paramref name="offeredPerSecond"/> s whatever happens to the earlier ones,
    /// noting in <paramref name="sentAt"/> when each was sent (<see cref="Stopwatch"/> timestamps).
    /// </summary>
    public static async Task DriveAsync(int events, double? offeredPerSecond, long[] sentAt, Func<int, Task> send)
    {
        Task Send(int i)
        {
            sentAt[i] = Stopwatch.GetTimestamp();
            return send(i);
        }

        if (offeredPerSecond is not { } rate)
        {
            await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (i, _) => await Send(i));
            return;
        }

        var sends = new List<Task>(events);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < events; i++)
        {
            TimeSpan due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            sends.Add(Send(i));
        }

        await Task.WhenAll(sends);
    }
}
