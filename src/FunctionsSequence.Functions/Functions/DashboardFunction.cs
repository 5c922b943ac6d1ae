using FunctionsSequence.Core.Dashboard;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>GET /api/dashboard?code=KEY</c>: the dashboard page, and the JSON it polls under <c>/api/dashboard/</c>.</summary>
public sealed class DashboardFunction(Dashboard dashboard)
{
    [Function(FunctionNames.Dashboard)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", "post", "put", "patch", "delete", "options", Route = Dashboard.Route)] HttpRequest request,
        string? path,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ReadOnlyRoute.AnswerAsync(request, () => dashboard.HandleAsync(path, client, cancellationToken)).ToActionResultAsync();
}
