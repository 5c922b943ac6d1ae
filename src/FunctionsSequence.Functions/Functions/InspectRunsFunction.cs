using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>GET /api/runs</c>: the runs, newest first, as fseq lists them (<c>fseq runs --url</c>).</summary>
public static class InspectRunsFunction
{
    [Function(FunctionNames.InspectRuns)]
    public static Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", "post", "put", "patch", "delete", "options", Route = InspectionRoutes.Runs)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ReadOnlyRoute.AnswerAsync(request, () => InspectionApi.ListRunsAsync(request, client, cancellationToken)).ToActionResultAsync();
}
