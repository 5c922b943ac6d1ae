using Azure.Data.Tables;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Sources;

namespace FunctionsSequence.Core.Hosting;

/// <summary>
/// Where a host keeps what it guarantees (the admission and display ledgers, dead letters) and its
/// bounds: how many events it holds in flight, how long finished runs and ledger keys are kept.
/// Both hosts pass theirs to <see cref="GuaranteeServiceCollectionExtensions.AddGuarantees"/>.
/// </summary>
public sealed class GuaranteeOptions
{
    /// <summary>The storage beside the task hub; null keeps the ledgers and dead letters in memory, gone with the process.</summary>
    public TableServiceClient? Tables { get; init; }

    /// <summary>The task hub whose name prefixes the tables.</summary>
    public required string TaskHub { get; init; }

    /// <summary>How long a repeated event is recognised (admission) and a displayed one not displayed again.</summary>
    public TimeSpan DedupWindow { get; init; } = RunAdmission.DefaultRetention;

    /// <summary>How long a finished run is kept before it is purged.</summary>
    public required TimeSpan KeepRuns { get; init; }

    /// <summary>
    /// How many of the runs this process most recently started are kept once they succeed, whatever their age: for an
    /// engine that holds this process's runs alone (in memory). At most <see cref="NewestRunStarts.MostKept"/>; null: no bound by count.
    /// </summary>
    public int? KeepAtMostRuns { get; init; }

    /// <summary>Events in flight above which ingress answers 429.</summary>
    public required int MaxInFlight { get; init; }

    /// <summary>How events are batched into runs, and the runs in flight per target.</summary>
    public BatchingOptions Batching { get; init; } = new();

    /// <summary>
    /// Set where runs may end on another instance (the Functions app): a <see cref="RunEndPoller"/> then reads
    /// the status of each run whose end this process does not see, and such a run counts in flight this long
    /// at most. Null (fseq, one process): every end is seen, and a run counts until it.
    /// </summary>
    public TimeSpan? ForgetRunsAfter { get; init; }

    /// <summary>
    /// When the source clock wakes, for the due time of each wake (<see cref="SourceClock"/>): the Functions app's
    /// <c>SourceTickSchedule</c>; each minute, Knative's granularity, by default (fseq wakes at its sources' own ticks).
    /// </summary>
    public CronSchedule SourceWakes { get; init; } = CronSchedule.Parse("0 * * * * *");

    /// <summary>
    /// How long one wake of the source clock may send for (<see cref="SourceClock"/>'s budget): the Functions app's stops short of
    /// its <c>functionTimeout</c>, so its cursor is written before the host cuts the call off. Null: no bound (fseq).
    /// </summary>
    public TimeSpan? SourceWakeBudget { get; init; }

    /// <summary>The clock of the ledgers, the in-flight runs and the purger: a host that registers another <see cref="TimeProvider"/> passes it here too.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
