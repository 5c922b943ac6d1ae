namespace FunctionsSequence.Core.Durable;

/// <summary>
/// What a run did, hop by hop: each attempt, when, for which events, and what became of those that
/// failed. An orchestration keeps it as its custom status, written with the checkpoints it makes
/// anyway, so inspection reads it with the run and no history; it is bounded, so a long run
/// cannot outgrow what a backend stores for a status.
/// </summary>
/// <param name="Attempts">The attempts, oldest first; the first <see cref="MaxAttempts"/>.</param>
/// <param name="Dropped">Attempts, or failures of an attempt, left out to stay within the bound.</param>
public sealed record RunRecord(IReadOnlyList<HopAttempt> Attempts, int Dropped = 0)
{
    // Bounds that keep a record near Durable Functions' 16 KB limit on a custom status even for a
    // shared run whose events all fail; a run of one stays far below them.

    /// <summary>The most attempts a record keeps.</summary>
    public const int MaxAttempts = 32;

    /// <summary>The most failures a record keeps, over all its attempts.</summary>
    public const int MaxFailures = 32;

    /// <summary>The longest error text a record keeps of a failure.</summary>
    public const int MaxErrorLength = 160;

    /// <summary>No attempt yet.</summary>
    public static RunRecord Empty { get; } = new([]);
}
