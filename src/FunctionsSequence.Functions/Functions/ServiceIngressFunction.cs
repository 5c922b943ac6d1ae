using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>POST /api/services/{name}</c>: invokes a Service; its reply event is the response.</summary>
public sealed class ServiceIngressFunction(CloudEventIngress ingress)
{
    [Function(FunctionNames.ServiceIngress)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", "get", "put", "patch", "delete", "head", Route = IngressRoutes.Services)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ingress.HandleAsync(request, IngressTarget.Service, name, client, cancellationToken).ToActionResultAsync();
}
