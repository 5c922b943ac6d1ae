using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Cli.Commands;

/// <summary>A dead letter as <c>fseq redrive list</c> prints it: one line.</summary>
internal static class DeadLetterLines
{
    public static string Format(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CloudNative.CloudEvents.CloudEvent cloudEvent = CloudEventJson.Decode(record.Event);
        string failure = record.StatusCode > 0 ? $"status {record.StatusCode}" : record.Error ?? "failed";
        string redriven = record.Redrives == 0 ? string.Empty : $", redrives {record.Redrives}{(record.RedriveResult is { } result ? $" ({result})" : string.Empty)}";
        return $"{record.Id} {record.State} {record.DeadLetteredAt:yyyy-MM-ddTHH:mm:ss.fffZ} {record.Hop} ({record.Destination}) id={cloudEvent.Id} source={cloudEvent.Source} type={cloudEvent.Type}: {failure} after {record.Attempts} attempt(s), from {record.Origin}{redriven}";
    }
}
