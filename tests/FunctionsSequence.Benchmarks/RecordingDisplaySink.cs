using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Benchmarks;

/// <summary>event-display for the benchmark: records when each event id is displayed instead of printing it.</summary>
internal sealed class RecordingDisplaySink : IEventDisplaySink
{
    public ConcurrentDictionary<string, long> Displayed { get; } = new(StringComparer.Ordinal);

    public void Write(string block)
    {
        long now = Stopwatch.GetTimestamp();
        int start = block.IndexOf("\n  id: ", StringComparison.Ordinal) + 7;
        int end = block.IndexOf('\n', start);
        Displayed.TryAdd(block[start..end], now);
    }
}
