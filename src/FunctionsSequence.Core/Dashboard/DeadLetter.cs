namespace FunctionsSequence.Core.Dashboard;

/// <summary>An event a run sent to a dead-letter sink, as the run recorded it.</summary>
/// <param name="Run">The run's instance id.</param>
/// <param name="Target">The flow, as <c>Sequence/name</c>.</param>
/// <param name="EventId">The event's CloudEvent id.</param>
/// <param name="Hop">The hop that gave up.</param>
/// <param name="Sink">Where the event went.</param>
/// <param name="At">When the hop's last attempt ended (UTC).</param>
/// <param name="Error">Why the hop failed.</param>
public sealed record DeadLetter(string Run, string Target, string? EventId, string Hop, string? Sink, DateTime At, string? Error);
