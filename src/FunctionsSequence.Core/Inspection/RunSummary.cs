namespace FunctionsSequence.Core.Inspection;

/// <summary>One run (an orchestration) as inspection lists it.</summary>
/// <param name="Id">The orchestration instance id: <c>seq:NAME:HASH</c> for a lone event's run, <c>seqb:...</c> for a shared one.</param>
/// <param name="Kind">Sequence, Parallel or Trigger.</param>
/// <param name="Target">The Sequence's, Parallel's or Trigger's name.</param>
/// <param name="Status">running, completed, failed, terminated, pending or suspended.</param>
/// <param name="Created">When the run was scheduled.</param>
/// <param name="Updated">When it last changed.</param>
/// <param name="EventIds">The CloudEvent ids it carries, in order.</param>
/// <param name="Attempts">Hop attempts it recorded.</param>
/// <param name="DeadLettered">Events it sent to a dead-letter sink.</param>
/// <param name="Failure">Why it failed, when it did.</param>
public sealed record RunSummary(
    string Id,
    string Kind,
    string Target,
    string Status,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    IReadOnlyList<string> EventIds,
    int Attempts,
    int DeadLettered,
    string? Failure);
