using FunctionsSequence.Core.DeadLetters;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// <c>GET /api/deadletters</c> (the dead letters kept for redrive, read only) and
/// <c>POST /api/deadletters/{id}/redrive</c> (one redrive; its audit as JSON: 200 when a run was
/// started or had been by a redrive at the same moment, 409 when it was redriven before, 404 when
/// there is no such dead letter or its hop is gone). Both hosts map these; the Functions app
/// behind a function key.
/// </summary>
public sealed class DeadLetterEndpoints(IDeadLetterStore store, DeadLetterRedrive redrive)
{
    /// <summary>Handles <c>/api/deadletters</c>.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method))
        {
            return NotAllowed(request, "GET");
        }

        return Results.Json(await store.ListAsync(cancellationToken), DeadLetterJson.Options);
    }

    /// <summary>Handles <c>/api/deadletters/{id}/redrive</c>.</summary>
    public async Task<IResult> RedriveAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsPost(request.Method))
        {
            return NotAllowed(request, "POST");
        }

        RedriveAudit audit = await redrive.RedriveAsync(client, id, cancellationToken);
        int status = audit.Outcome switch
        {
            RedriveOutcome.Refused => StatusCodes.Status409Conflict,
            RedriveOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status200OK,
        };
        return Results.Json(audit, DeadLetterJson.Options, statusCode: status);
    }

    private static IResult NotAllowed(HttpRequest request, string allowed)
    {
        request.HttpContext.Response.Headers.Allow = allowed;
        return new IngressProblem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"{request.Method} is not allowed here; {allowed} it.").ToResult();
    }
}
