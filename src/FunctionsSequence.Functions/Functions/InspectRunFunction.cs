using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>GET /api/runs/{id}</c>: one run with each event's hops.</summary>
public static class InspectRunFunction
{
    [Function(FunctionNames.InspectRun)]
    public static Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", "post", "put", "patch", "delete", "options", Route = InspectionRoutes.Run)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ReadOnlyRoute.AnswerAsync(request, () => InspectionApi.GetRunAsync(id, client, cancellationToken)).ToActionResultAsync();
}
