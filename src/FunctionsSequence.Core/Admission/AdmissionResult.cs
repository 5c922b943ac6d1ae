namespace FunctionsSequence.Core.Admission;

/// <summary>What became of the events given to <see cref="RunAdmission.StartAsync"/>.</summary>
/// <param name="Started">The run scheduled now, or null when there was none to schedule (all duplicates, or scheduled before).</param>
/// <param name="RunOf">For each event, in order, the run it is in: the new one, or the one it went into before.</param>
public sealed record AdmissionResult(string? Started, IReadOnlyList<string> RunOf);
