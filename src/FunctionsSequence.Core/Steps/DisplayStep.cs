using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// Knative's event_display: prints the event and replies with nothing. A replayed delivery of the
/// very same event to the same display by the same hop is recognised in the ledger and not printed
/// again, and says so in the log (Knative's would print it again), also when the copies come at once
/// to two instances (the first to claim it prints it); the same event delivered by two hops (two
/// Triggers, two branches) is printed for each, as in Knative.
/// </summary>
/// <param name="sink">Where blocks are printed.</param>
/// <param name="ledger">The blocks printed already.</param>
/// <param name="serviceName">The Service that runs the display.</param>
/// <param name="logger">Where a block left out is reported.</param>
public sealed partial class DisplayStep(IEventDisplaySink sink, IDisplayLedger ledger, string serviceName, ILogger logger) : ISequenceStep
{
    // Blocks claimed and printed before their keys are recorded: what a kill between a print and its record can show again.
    private const int PrintedBeforeRecord = 14;

    // How often blocks another process is printing are asked for again: soon (it prints within a
    // table call), then less often, for a holder that died and whose claim must lapse.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    // The keys this process is showing now: a copy that comes meanwhile (a sender's retry racing the original, an
    // activity run again beside itself) waits for them to be printed and recorded, rather than read the ledger first.
    private static readonly ConcurrentDictionary<string, Task> Showing = new(StringComparer.Ordinal);

    private readonly string spanName = $"display {serviceName}";

    /// <inheritdoc />
    public async ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using Activity? span = EventTrace.StartHop(spanName, ActivityKind.Consumer, input);
        ArgumentNullException.ThrowIfNull(context);
        await ShowAsync(EventDisplayFormatter.Format(input), context.Via, cancellationToken);
        return null;
    }

    /// <summary>
    /// Prints a display block (from <see cref="EventDisplayFormatter"/>) unless this display printed
    /// it already: the block names the event (id, source, every attribute, the data), so the same
    /// block again from the same hop <paramref name="via"/> is the same event delivered again.
    /// </summary>
    public ValueTask ShowAsync(string block, string? via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        return ShowAsync([(block, CloudEventJson.OverUtf8(block, (serviceName, Utf8(via)), KeyOf))], cancellationToken);
    }

    /// <summary>
    /// <see cref="ShowAsync(string, string?, CancellationToken)"/> for a run's events as they travel,
    /// structured-mode JSON, in order: each formatted and keyed from its UTF-8 text in one pass,
    /// and all checked in the ledger together; <paramref name="via"/> is the hop that delivers them.
    /// </summary>
    public async ValueTask ShowStructuredAsync(IReadOnlyList<string> events, string? via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var spans = new List<Activity?>(events.Count);
        try
        {
            var blocks = new (string Block, string Key)[events.Count];
            (string, byte[]?) display = (serviceName, Utf8(via)); // the run's events share their hop: its bytes once
            for (int i = 0; i < events.Count; i++)
            {
                spans.Add(EventTrace.StartHop(spanName, ActivityKind.Consumer, events[i]));
                blocks[i] = EventDisplayFormatter.FormatStructured(events[i], display, static (utf8, display) => (Encoding.UTF8.GetString(utf8), KeyOf(utf8, display)));
            }

            await ShowAsync(blocks, cancellationToken);
        }
        finally
        {
            foreach (Activity? span in spans)
            {
                span?.Dispose();
            }
        }
    }

    /// <summary>
    /// Shows the blocks (<see cref="PrintAsync"/>) once no other call of this process is showing any of them.
    /// </summary>
    private async ValueTask ShowAsync((string Block, string Key)[] blocks, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] keys = [];
        try
        {
            // Inside the try: a wait cancelled after a key was briefly taken must still release whoever saw it.
            keys = await HoldAsync([.. blocks.Select(b => b.Key).Distinct(StringComparer.Ordinal)], done.Task, cancellationToken);
            await PrintAsync(blocks, cancellationToken);
        }
        finally
        {
            foreach (string key in keys)
            {
                Showing.TryRemove(new KeyValuePair<string, Task>(key, done.Task));
            }

            done.SetResult();
        }
    }

    /// <summary>Takes <paramref name="keys"/> for this call, once no other call of this process is showing any of them; holds none while it waits.</summary>
    private static async Task<string[]> HoldAsync(string[] keys, Task mine, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] others = [.. keys.Select(k => Showing.GetValueOrDefault(k)).OfType<Task>()];
            if (others.Length > 0)
            {
                await Task.WhenAll(others).WaitAsync(cancellationToken);
            }

            int taken = 0;
            while (taken < keys.Length && Showing.TryAdd(keys[taken], mine))
            {
                taken++;
            }

            if (taken == keys.Length)
            {
                return keys;
            }

            for (int i = 0; i < taken; i++)
            {
                Showing.TryRemove(new KeyValuePair<string, Task>(keys[i], mine)); // another call came first: let it finish
            }
        }
    }

    /// <summary>
    /// Prints the blocks not printed before, each once, in order (<see cref="PrintClaimedAsync"/>).
    /// Blocks another process is printing right now are asked for again until printed there (then
    /// left out) or their claim lapses (then printed here, after the others).
    /// </summary>
    private async ValueTask PrintAsync((string Block, string Key)[] blocks, CancellationToken cancellationToken)
    {
        var once = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(string Block, string Key)>(blocks.Length);
        foreach ((string Block, string Key) block in blocks)
        {
            if (once.Add(block.Key))
            {
                pending.Add(block);
            }
            else
            {
                LogLeftOut(block.Block);
            }
        }

        TimeSpan pause = FirstPause;
        while ((pending = await PrintClaimedAsync(pending, cancellationToken)).Count > 0)
        {
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>
    /// Claims the blocks a group at a time, each group just before it is printed, prints the claimed
    /// ones and records them: a claim is never older than one group's record, and a kill between a
    /// print and its record shows at most that group again. Returns the blocks held elsewhere.
    /// </summary>
    private async Task<List<(string Block, string Key)>> PrintClaimedAsync(List<(string Block, string Key)> blocks, CancellationToken cancellationToken)
    {
        var held = new List<(string Block, string Key)>();
        (string Block, string Key)[][] groups = [.. blocks.Chunk(PrintedBeforeRecord)];
        if (groups.Length == 0)
        {
            return held;
        }

        Task<IReadOnlyList<DisplayClaim>> claiming = ClaimAsync(groups[0], cancellationToken);
        for (int g = 0; g < groups.Length; g++)
        {
            IReadOnlyList<DisplayClaim> claims = await claiming;
            var printed = new List<string>(groups[g].Length);
            for (int i = 0; i < groups[g].Length; i++)
            {
                switch (claims[i])
                {
                    case DisplayClaim.Claimed:
                        sink.Write(groups[g][i].Block);
                        printed.Add(groups[g][i].Key);
                        break;
                    case DisplayClaim.Printed:
                        LogLeftOut(groups[g][i].Block);
                        break;
                    case DisplayClaim.Held:
                        held.Add(groups[g][i]);
                        break;
                    default:
                        throw new InvalidOperationException($"the display ledger answered {claims[i]} for a claim");
                }
            }

            // The next group's claim goes out while this group's record does; if the record fails, the
            // claim's own failure is observed here and its keys are taken over by the attempt that follows.
            claiming = g + 1 < groups.Length ? ClaimAsync(groups[g + 1], cancellationToken) : claiming;
            if (printed.Count > 0)
            {
                try
                {
                    await ledger.RecordAsync(printed, cancellationToken);
                }
                catch
                {
                    _ = claiming.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    throw;
                }
            }
        }

        return held;
    }

    private Task<IReadOnlyList<DisplayClaim>> ClaimAsync((string Block, string Key)[] group, CancellationToken cancellationToken) =>
        ledger.ClaimAsync([.. group.Select(b => b.Key)], cancellationToken).AsTask();

    private void LogLeftOut(string block)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            string id = LineOf(block, "  id: "), source = LineOf(block, "  source: ");
            LogPrintedAlready(logger, serviceName, id, source);
        }
    }

    private static byte[]? Utf8(string? via) => via is null ? null : Encoding.UTF8.GetBytes(via);

    /// <summary>The value of the block's line that starts with <paramref name="label"/> (the formatter writes every block's id and source).</summary>
    private static string LineOf(string block, string label)
    {
        int start = block.IndexOf("\n" + label, StringComparison.Ordinal);
        if (start < 0)
        {
            return "?";
        }

        start += label.Length + 1;
        int end = block.IndexOf('\n', start);
        return end < 0 ? block[start..] : block[start..end];
    }

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "Service/{Service}: event {EventId} from {Source} was printed already; this delivery of it is left out (the display ledger keeps each event to one print)")]
    private static partial void LogPrintedAlready(ILogger logger, string service, string eventId, string source);

    /// <summary>The ledger key: the display's name and a hash of the block's UTF-8 text and of the hop that delivers it, if known.</summary>
    private static string KeyOf(ReadOnlySpan<byte> utf8Block, (string Service, byte[]? Via) display)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        if (display.Via is null)
        {
            SHA256.HashData(utf8Block, hash);
        }
        else
        {
            using var incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            incremental.AppendData(utf8Block);
            incremental.AppendData("\n"u8);
            incremental.AppendData(display.Via);
            incremental.GetHashAndReset(hash);
        }

        return $"{display.Service}-{Convert.ToHexStringLower(hash)}";
    }
}
