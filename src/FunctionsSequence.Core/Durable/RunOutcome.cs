namespace FunctionsSequence.Core.Durable;

/// <summary>How a run ended, counted over its events.</summary>
/// <param name="Events">Events in the run.</param>
/// <param name="Delivered">Events that reached the end: a Sequence's reply (or its last step, with no reply set), a Trigger's subscriber.</param>
/// <param name="EndedEarly">Events a step answered with no event, which ends their chain as success.</param>
/// <param name="DeadLettered">Events sent to a dead-letter sink.</param>
public sealed record RunOutcome(int Events, int Delivered, int EndedEarly, int DeadLettered)
{
    /// <summary>One line per event that failed for good with no dead-letter sink, or whose sink failed too; the run fails with them once the others are delivered.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>
    /// What the run did, hop by hop, when it ran in one activity (<c>checkpoint: sequence</c>), for
    /// its orchestration to keep as its status; null otherwise. Not part of equality.
    /// </summary>
    public RunRecord? Record { get; init; }

    /// <inheritdoc />
    public bool Equals(RunOutcome? other) =>
        other is not null && (Events, Delivered, EndedEarly, DeadLettered) == (other.Events, other.Delivered, other.EndedEarly, other.DeadLettered)
        && Failures.SequenceEqual(other.Failures, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Events, Delivered, EndedEarly, DeadLettered, Failures.Count);
}
