using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>POST /api/brokers/{name}</c>: publishes into the Broker (its Event Grid topic, if it has one). Answers 200 like Event Grid.</summary>
public sealed class BrokerIngressFunction(CloudEventIngress ingress)
{
    [Function(FunctionNames.BrokerIngress)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", "get", "put", "patch", "delete", "head", Route = IngressRoutes.Brokers)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => ingress.HandleAsync(request, IngressTarget.Broker, name, client, cancellationToken).ToActionResultAsync();
}
