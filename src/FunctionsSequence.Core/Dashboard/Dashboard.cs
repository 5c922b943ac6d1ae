using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Core.Topology;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Dashboard;

/// <summary>
/// The dashboard, for both hosts: one page (HTML with its CSS, script and the topology SVG inlined,
/// so a key in its query string is the only credential it needs) and the JSON it polls, all under
/// one route (<see cref="Route"/>). fseq also serves the page at <c>/</c>; the Functions app serves
/// the route as one function behind a function key, which the page passes on to its JSON requests.
/// </summary>
/// <param name="manifests">The manifests the host runs, drawn as the page's topology.</param>
public sealed class Dashboard(ManifestSet manifests)
{
    /// <summary>The route under the hosts' <c>api/</c> prefix: <c>dashboard</c> is the page, <c>dashboard/overview</c> and <c>dashboard/events/{id}</c> its JSON.</summary>
    public const string Route = "dashboard/{*path}";

    private readonly TopologyGraph graph = TopologyGraph.Of(manifests);
    private readonly Lock gate = new();
    private string? page;
    private Task<DashboardOverview>? reading;

    /// <summary>Answers a GET for <paramref name="path"/> under <see cref="Route"/> (empty for the page).</summary>
    public async Task<IResult> HandleAsync(string? path, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        path = path?.Trim('/') ?? string.Empty;
        if (path.Length == 0)
        {
            return Results.Content(page ??= DashboardPage.Render(graph), "text/html; charset=utf-8");
        }

        if (path == "overview")
        {
            DashboardOverview overview = await OverviewAsync(client).WaitAsync(cancellationToken);
            return Results.Json(overview, InspectionApi.Json);
        }

        const string events = "events/";
        return path.StartsWith(events, StringComparison.Ordinal)
            ? await InspectionApi.GetEventAsync(Uri.UnescapeDataString(path[events.Length..]), client, cancellationToken)
            : new IngressProblem(StatusCodes.Status404NotFound, "No such page", $"The dashboard has no '{path}' (it serves the page, overview and events/ID).").ToResult();
    }

    /// <summary>
    /// The overview being read, or a new read: every open page polls, and the polls that arrive
    /// while one read of the task hub is going share it instead of each reading it again.
    /// </summary>
    private Task<DashboardOverview> OverviewAsync(DurableTaskClient client)
    {
        lock (gate)
        {
            return reading is { IsCompleted: false } going
                ? going
                : reading = DashboardOverviewReader.ReadAsync(new RunInspector(client), graph, CancellationToken.None);
        }
    }
}
