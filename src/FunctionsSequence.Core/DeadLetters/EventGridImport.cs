namespace FunctionsSequence.Core.DeadLetters;

/// <summary>What came of one Event Grid dead-letter blob.</summary>
/// <param name="Blob">The blob, with its container.</param>
/// <param name="Records">The dead letters recorded from it (those recorded before are kept as they were).</param>
/// <param name="Problems">
/// Why the blob was skipped (its one problem, with no records), or which of its items were not read (the others are recorded).
/// </param>
/// <param name="New">How many of <paramref name="Records"/> this import recorded; the others were recorded before.</param>
public sealed record EventGridImport(string Blob, IReadOnlyList<DeadLetterRecord> Records, IReadOnlyList<string> Problems, int New = 0)
{
    /// <summary>Whether the blob was skipped whole: not named as Event Grid names them, not JSON, or not an array.</summary>
    public bool Skipped { get; init; }

    /// <summary>A blob skipped whole, saying why.</summary>
    public static EventGridImport SkippedFor(string blob, string why) => new(blob, [], [$"{why}; skipped"]) { Skipped = true };
}
