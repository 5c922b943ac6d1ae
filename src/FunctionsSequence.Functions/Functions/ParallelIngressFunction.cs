using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>POST /api/parallels/{name}</c>: each CloudEvent starts one Parallel orchestration.</summary>
public sealed class ParallelIngressFunction(CloudEventIngress ingress)
{
    [Function(FunctionNames.ParallelIngress)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", "get", "put", "patch", "delete", "head", Route = IngressRoutes.Parallels)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ingress.HandleAsync(request, IngressTarget.Parallel, name, client, cancellationToken).ToActionResultAsync();
}
