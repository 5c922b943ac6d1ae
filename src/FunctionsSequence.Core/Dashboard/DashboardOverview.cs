using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.Core.Dashboard;

/// <summary>What the dashboard polls: counts per node and the runs worth a look, from the newest runs the task hub keeps.</summary>
/// <param name="Counted">How many runs the counts are over.</param>
/// <param name="Counts">Per topology node id.</param>
/// <param name="Recent">The newest runs, each with its events' hops.</param>
/// <param name="Failed">The newest failed runs, each with why.</param>
/// <param name="DeadLetters">The newest dead-lettered events.</param>
public sealed record DashboardOverview(
    int Counted,
    IReadOnlyDictionary<string, NodeCount> Counts,
    IReadOnlyList<RunDetail> Recent,
    IReadOnlyList<RunDetail> Failed,
    IReadOnlyList<DeadLetter> DeadLetters);
