namespace FunctionsSequence.Core.Dashboard;

/// <summary>What passed one node of the topology, over the runs a dashboard counted.</summary>
/// <param name="In">Events that reached it.</param>
/// <param name="Out">Events it passed on: a flow's events that got through all their hops, a Broker's events handed to its Triggers.</param>
/// <param name="Failed">Events of its runs that failed.</param>
/// <param name="DeadLettered">Events it sent to a dead-letter sink.</param>
public sealed record NodeCount(int In, int Out, int Failed, int DeadLettered)
{
    /// <summary>Nothing yet.</summary>
    public static NodeCount Zero { get; } = new(0, 0, 0, 0);
}
