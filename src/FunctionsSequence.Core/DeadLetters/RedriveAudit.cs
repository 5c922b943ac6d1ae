namespace FunctionsSequence.Core.DeadLetters;

/// <summary>One redrive as the audit keeps it and <c>fseq redrive send</c> prints it.</summary>
/// <param name="Time">When it was asked for.</param>
/// <param name="Record">The dead letter's id.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Source">The event's source.</param>
/// <param name="From">Where the event was found (<see cref="DeadLetterRecord.Origin"/>).</param>
/// <param name="To">The hop it was sent back to.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Detail">The run it went into, or why it was not sent.</param>
public sealed record RedriveAudit(DateTimeOffset Time, string Record, string EventId, string Source, string From, string To, RedriveOutcome Outcome, string Detail)
{
    /// <summary>The line printed and logged for it.</summary>
    public override string ToString() =>
        $"{Time:yyyy-MM-ddTHH:mm:ss.fffZ} redrive {Record} id={EventId} source={Source} from=\"{From}\" to=\"{To}\" result={Outcome}: {Detail}";
}
