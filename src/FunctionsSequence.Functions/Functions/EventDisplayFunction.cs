using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// <c>POST /api/display</c>: Knative's event_display as an address of its own (<see cref="DisplayIngress"/>); other
/// methods reach it too, to be answered 405 as on the other CloudEvents routes, not 404 by the host.
/// </summary>
public sealed class EventDisplayFunction(DisplayIngress display)
{
    [Function(FunctionNames.EventDisplay)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", "get", "put", "patch", "delete", "head", Route = IngressRoutes.Display)] HttpRequest request,
        CancellationToken cancellationToken)
        => display.HandleAsync(request, cancellationToken).ToActionResultAsync();
}
