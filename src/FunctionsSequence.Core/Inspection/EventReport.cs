namespace FunctionsSequence.Core.Inspection;

/// <summary>Where an event went: every run that carried it, oldest first, each with the event's hops there.</summary>
/// <param name="EventId">The CloudEvent id asked about.</param>
/// <param name="Runs">The runs, each cut to the events with that id.</param>
public sealed record EventReport(string EventId, IReadOnlyList<RunDetail> Runs);
