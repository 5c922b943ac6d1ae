using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Functions.Functions;

/// <summary><c>POST /api/deadletters/{id}/redrive</c>: sends one dead letter back to the hop that dead-lettered it.</summary>
public sealed class DeadLetterRedriveFunction(DeadLetterEndpoints deadLetters)
{
    [Function(FunctionNames.DeadLetterRedrive)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "get", "put", "patch", "delete", Route = IngressRoutes.DeadLetterRedrive)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => deadLetters.RedriveAsync(request, id, client, cancellationToken).ToActionResultAsync();
}
