namespace FunctionsSequence.Core.Inspection;

/// <summary>One event at one hop of a run: how many attempts, when, and how it ended.</summary>
/// <param name="Hop">The hop and its destination: <c>step 0 (Service/first)</c>.</param>
/// <param name="Attempts">Attempts made for the event.</param>
/// <param name="First">When the first began (UTC).</param>
/// <param name="Last">When the last one's result came back (UTC).</param>
/// <param name="Result">ok, retrying, dead-lettered, failed or dropped (a Parallel filter's failure).</param>
/// <param name="Status">The HTTP status of the last failed attempt, if any failed.</param>
/// <param name="Error">The last failed attempt's error, if any failed.</param>
/// <param name="DeadLetterSink">Where the event was dead-lettered, when it was.</param>
public sealed record HopStatus(string Hop, int Attempts, DateTime First, DateTime Last, string Result, int? Status, string? Error, string? DeadLetterSink);
