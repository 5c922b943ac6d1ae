using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Inspection;

/// <summary>The states a run is listed by, and the orchestration statuses each stands for.</summary>
public static class RunStates
{
    /// <summary>The states a listing can be asked for.</summary>
    public static IReadOnlyList<string> Filterable { get; } = ["failed", "running", "pending", "completed"];

    /// <summary>The orchestration statuses <paramref name="state"/> (one of <see cref="Filterable"/>) stands for; null for any.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus>? StatusesOf(string? state) => state switch
    {
        null => null,
        "failed" => [OrchestrationRuntimeStatus.Failed],
        "running" => [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended],
        "pending" => [OrchestrationRuntimeStatus.Pending], // scheduled, not started: the listing's own word for them
        "completed" => [OrchestrationRuntimeStatus.Completed],
        _ => throw new ArgumentException($"There is no run state '{state}' (expected one of: {string.Join(", ", Filterable)}).", nameof(state)),
    };

    /// <summary>How a run in <paramref name="status"/> is shown.</summary>
    public static string Of(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => "running",
        OrchestrationRuntimeStatus.Completed => "completed",
        OrchestrationRuntimeStatus.Failed => "failed",
        OrchestrationRuntimeStatus.Terminated => "terminated",
        OrchestrationRuntimeStatus.Suspended => "suspended",
        _ => "pending",
    };
}
