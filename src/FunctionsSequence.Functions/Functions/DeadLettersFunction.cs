using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>GET /api/deadletters</c>: the dead letters kept for redrive.</summary>
public sealed class DeadLettersFunction(DeadLetterEndpoints deadLetters)
{
    [Function(FunctionNames.DeadLetters)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "put", "patch", "delete", Route = IngressRoutes.DeadLetters)] HttpRequest request,
        CancellationToken cancellationToken)
        => deadLetters.ListAsync(request, cancellationToken).ToActionResultAsync();
}
