using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Ingress;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Inspection;

/// <summary>
/// The inspection routes (<see cref="InspectionRoutes"/>) as JSON over HTTP, for both hosts: fseq
/// maps them, the Functions app has one function each. Read-only; a bad query gets a problem body
/// that says which parameter and why.
/// </summary>
public static class InspectionApi
{
    /// <summary>How inspection's answers are written and read (camelCase, as web APIs are).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary><c>GET runs</c>: the runs the query selects.</summary>
    public static async Task<IResult> ListRunsAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string? status = request.Query["status"].FirstOrDefault();
        if (status is not null && !RunStates.Filterable.Contains(status))
        {
            return BadQuery($"status '{status}' is not a run state (expected one of: {string.Join(", ", RunStates.Filterable)}).");
        }

        int limit = RunFilter.DefaultLimit;
        if (request.Query["limit"].FirstOrDefault() is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > RunFilter.MaxLimit))
        {
            return BadQuery($"limit '{text}' is not a whole number from 1 to {RunFilter.MaxLimit}.");
        }

        RunTarget[] targets = [.. RunFilter.TargetParameters
            .Select(p => (p.Kind, Name: request.Query[p.Name].FirstOrDefault()))
            .Where(p => !string.IsNullOrEmpty(p.Name))
            .Select(p => new RunTarget(p.Kind, p.Name!))];
        if (targets.Length > 1)
        {
            return BadQuery($"give at most one of {string.Join(", ", RunFilter.TargetParameters.Select(p => p.Name))}: a run has one target ({string.Join(" and ", targets.Select(t => t.ToString()))} were asked for).");
        }

        IReadOnlyList<RunSummary> runs = await new RunInspector(client).ListAsync(new RunFilter(targets.FirstOrDefault(), status, limit), cancellationToken);
        return Results.Json(runs, Json);
    }

    /// <summary><c>GET runs/{id}</c>: one run, or 404.</summary>
    public static async Task<IResult> GetRunAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        RunDetail? run = string.IsNullOrEmpty(id) ? null : await new RunInspector(client).GetAsync(id, cancellationToken);
        return run is null
            ? new IngressProblem(StatusCodes.Status404NotFound, "No such run", $"There is no run '{id}' in this task hub (finished runs are purged after a while; failed ones are kept).").ToResult()
            : Results.Json(run, Json);
    }

    /// <summary><c>GET events/{id}</c>: the runs that carried the event, or 404 when none did.</summary>
    public static async Task<IResult> GetEventAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrEmpty(id))
        {
            return BadQuery("an event id is needed.");
        }

        EventReport report = await new RunInspector(client).FindEventAsync(id, cancellationToken);
        return report.Runs.Count == 0
            ? new IngressProblem(StatusCodes.Status404NotFound, "No such event", $"No run in this task hub carries an event with id '{id}' (finished runs are purged after a while; failed ones are kept).").ToResult()
            : Results.Json(report, Json);
    }

    private static IResult BadQuery(string detail) => new IngressProblem(StatusCodes.Status400BadRequest, "Invalid query", detail).ToResult();
}
