namespace FunctionsSequence.Core.DeadLetters;

/// <summary>What came of one Event Grid dead-letter blob.</summary>
/// <param name="Blob">The blob, with its container.</param>
/// <param name="Records">The dead letters recorded from it (those recorded before are kept as they were).</param>
/// <param name="Problem">Why it was skipped, or null.</param>
/// <param name="New">How many of <paramref name="Records"/> this import recorded; the others were recorded before.</param>
public sealed record EventGridImport(string Blob, IReadOnlyList<DeadLetterRecord> Records, string? Problem, int New = 0);
