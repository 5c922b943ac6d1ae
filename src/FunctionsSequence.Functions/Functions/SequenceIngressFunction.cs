using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>POST /api/sequences/{name}</c>: each CloudEvent starts one Sequence orchestration.</summary>
public sealed class SequenceIngressFunction(CloudEventIngress ingress)
{
    [Function(FunctionNames.SequenceIngress)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", "get", "put", "patch", "delete", "head", Route = IngressRoutes.Sequences)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ingress.HandleAsync(request, IngressTarget.Sequence, name, client, cancellationToken).ToActionResultAsync();
}
