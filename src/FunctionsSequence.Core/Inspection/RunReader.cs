using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Inspection;

/// <summary>
/// Reads a run from what its orchestration keeps: the events from its input, what became of them
/// at each hop from its <see cref="RunRecord"/> (its custom status), how it ended from its status.
/// </summary>
public static class RunReader
{
    /// <summary>True when <paramref name="instance"/> is a run of a Sequence, Parallel or Trigger (and not some other orchestration).</summary>
    public static bool IsRun(OrchestrationMetadata instance) => KindOf(instance) is not null;

    /// <summary>The run <paramref name="instance"/> (fetched with its inputs) as a whole.</summary>
    public static RunDetail Read(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        string kind = KindOf(instance) ?? throw new ArgumentException($"Orchestration {instance.InstanceId} ({instance.Name}) is not a run of a Sequence, Parallel or Trigger.", nameof(instance));
        (string target, IReadOnlyList<CloudEvent?> events) = Input(instance.SerializedInput, kind);
        RunRecord record = RecordOf(instance.SerializedCustomStatus);
        var summary = new RunSummary(
            instance.InstanceId,
            kind,
            target,
            RunStates.Of(instance.RuntimeStatus),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            [.. events.Select(e => e?.Id ?? "?")],
            record.Attempts.Count,
            record.Attempts.Sum(a => a.Failed.Count(f => f.Fate == HopFate.DeadLettered)),
            FailureText.Of(instance));
        var paths = events.Select((e, i) => new EventPath(i, e?.Id, e?.Source?.ToString(), e?.Type, HopsOf(record, i))).ToList();
        return new RunDetail(summary, paths, record.Dropped);
    }

    /// <summary>Each hop event <paramref name="index"/> reached, from the attempts that concerned it.</summary>
    public static IReadOnlyList<HopStatus> HopsOf(RunRecord record, int index)
    {
        ArgumentNullException.ThrowIfNull(record);
        var hops = new List<HopStatus>();
        foreach (IGrouping<string, HopAttempt> hop in record.Attempts.Where(a => a.Events.Count == 0 || a.Events.Contains(index)).GroupBy(a => a.Hop))
        {
            HopAttempt last = hop.MaxBy(a => a.Attempt)!;
            HopFailure? lastFailure = hop.SelectMany(a => a.Failed).LastOrDefault(f => f.Event == index);
            HopFailure? failedLast = last.Failed.FirstOrDefault(f => f.Event == index);
            hops.Add(new HopStatus(
                hop.Key,
                hop.Max(a => a.Attempt), // a reply's tries are one record that counts them all
                hop.Min(a => a.At),
                hop.Max(a => a.At + a.Took),
                failedLast is null ? "ok" : ResultOf(failedLast.Fate),
                lastFailure?.Status,
                lastFailure?.Error,
                failedLast?.DeadLetterSink));
        }

        return hops;
    }

    /// <summary>How <see cref="HopFate.DeadLettered"/> is shown: what the dashboard counts at a dead-letter sink.</summary>
    public const string DeadLetteredResult = "dead-lettered";

    /// <summary>How a fate is shown.</summary>
    public static string ResultOf(HopFate fate) => fate switch
    {
        HopFate.Retrying => "retrying",
        HopFate.DeadLettered => DeadLetteredResult,
        HopFate.Dropped => "dropped",
        HopFate.DeadLetterFailed => "dead-letter sink failed",
        _ => "failed",
    };

    private static string? KindOf(OrchestrationMetadata instance) => instance.Name switch
    {
        TaskNames.SequenceOrchestrator => "Sequence",
        TaskNames.ParallelOrchestrator => "Parallel",
        TaskNames.TriggerOrchestrator => "Trigger",
        _ => null,
    };

    private static (string Target, IReadOnlyList<CloudEvent?> Events) Input(string? json, string kind)
    {
        if (string.IsNullOrEmpty(json))
        {
            return ("?", []);
        }

        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        string target = root.TryGetProperty(kind, out JsonElement name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "?";
        var events = new List<CloudEvent?>();
        if (root.TryGetProperty(nameof(SequenceRun.Events), out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                events.Add(Decode(item.Deserialize<RunEvent>(PayloadConverter.SerializerOptions)));
            }
        }

        return (target, events);
    }

    private static CloudEvent? Decode(RunEvent? item)
    {
        try
        {
            return item is null ? null : item.Event.Decode();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or InvalidOperationException)
        {
            return null; // shown as an event with no id rather than hiding the run
        }
    }

    private static RunRecord RecordOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return RunRecord.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<RunRecord>(json, PayloadConverter.SerializerOptions) ?? RunRecord.Empty;
        }
        catch (JsonException)
        {
            return RunRecord.Empty; // a status this version does not write
        }
    }
}
