using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// <c>OPTIONS /api/triggers/{name}</c>: the CloudEvents webhook handshake Event Grid makes before
/// it delivers. Anonymous, as the handshake carries no key; it reveals and starts nothing.
/// </summary>
public static class TriggerHandshakeFunction
{
    [Function(FunctionNames.TriggerHandshake)]
    public static IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = IngressRoutes.Triggers)] HttpRequest request,
        string name)
        => new ResultActionResult(WebhookHandshake.Respond(request));
}
