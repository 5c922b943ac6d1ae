namespace FunctionsSequence.Core.Inspection;

/// <summary>The read-only inspection routes both hosts serve (under the <c>api/</c> prefix of Azure Functions).</summary>
public static class InspectionRoutes
{
    /// <summary>The runs, newest first: <c>?sequence=NAME&amp;status=failed|running|pending|completed&amp;limit=N</c>.</summary>
    public const string Runs = "runs";

    /// <summary>One run with each event's hops.</summary>
    public const string Run = "runs/{id}";

    /// <summary>Every run that carried an event, by its CloudEvent id.</summary>
    public const string Event = "events/{id}";
}
