namespace FunctionsSequence.Core.Api;

/// <summary>
/// Where a Sequence checkpoints its progress: what Knative's <c>channelTemplate</c> decides about
/// the hops between steps. Chosen per Sequence with the annotation
/// <c>functionssequence.dev/checkpoint</c>, or for all with <c>fseq --checkpoint</c> /
/// <c>FunctionsSequence__Checkpoint</c>.
/// </summary>
public enum CheckpointMode
{
    /// <summary>
    /// Each step is its own activity: progress is saved after every step, a crash resumes at the
    /// step it stopped at, and retries wait on durable timers. The default.
    /// </summary>
    Step,

    /// <summary>
    /// All steps and the reply run in one activity: one checkpoint per run instead of one per
    /// step, and a crash re-runs the whole Sequence for those events (steps are idempotent).
    /// Retries wait in process. Like Knative's InMemoryChannel, which keeps nothing between steps.
    /// </summary>
    Sequence,
}
