using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// <c>POST /api/triggers/{name}</c>: where a Trigger's Event Grid subscription delivers (CloudEvents
/// schema). Event Grid sends the function key in a secret delivery header, never in the URL.
/// </summary>
public sealed class TriggerIngressFunction(CloudEventIngress ingress)
{
    [Function(FunctionNames.TriggerIngress)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "get", "put", "patch", "delete", Route = IngressRoutes.Triggers)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ingress.HandleAsync(request, IngressTarget.Trigger, name, client, cancellationToken).ToActionResultAsync();
}
