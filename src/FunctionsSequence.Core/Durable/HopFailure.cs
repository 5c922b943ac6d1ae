namespace FunctionsSequence.Core.Durable;

/// <summary>One event's failed attempt at a hop, as the run records it.</summary>
/// <param name="Event">The event's index in the run's input.</param>
/// <param name="Status">The HTTP status of the failure; 0 for a transport error.</param>
/// <param name="Error">What went wrong, cut to <see cref="RunRecord.MaxErrorLength"/> characters.</param>
/// <param name="Fate">What became of the event.</param>
/// <param name="DeadLetterSink">Where it was dead-lettered, when it was.</param>
public sealed record HopFailure(int Event, int Status, string? Error, HopFate Fate, string? DeadLetterSink = null);
