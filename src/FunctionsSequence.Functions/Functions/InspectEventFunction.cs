using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>GET /api/events/{id}</c>: every run that carried the event (<c>fseq event ID --url</c>).</summary>
public static class InspectEventFunction
{
    [Function(FunctionNames.InspectEvent)]
    public static Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", "post", "put", "patch", "delete", "options", Route = InspectionRoutes.Event)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ReadOnlyRoute.AnswerAsync(request, () => InspectionApi.GetEventAsync(id, client, cancellationToken)).ToActionResultAsync();
}
