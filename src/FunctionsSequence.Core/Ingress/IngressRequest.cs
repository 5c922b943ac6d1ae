using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// What every CloudEvents endpoint does before its own work: OPTIONS is the webhook handshake, a
/// method other than POST is refused with 405, and the body must read as CloudEvents.
/// </summary>
internal static class IngressRequest
{
    /// <summary>The request's events, or the answer to give instead: the handshake, or <paramref name="refuse"/>'s for a problem.</summary>
    public static async Task<(IReadOnlyList<CloudEvent>? Events, IResult? Answer)> ReadAsync(
        HttpRequest request, Func<IngressProblem, IResult> refuse, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsOptions(request.Method))
        {
            return (null, WebhookHandshake.Respond(request));
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            request.HttpContext.Response.Headers.Allow = "POST, OPTIONS";
            return (null, refuse(new IngressProblem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"{request.Method} is not allowed here; POST a CloudEvent.")));
        }

        (IReadOnlyList<CloudEvent>? events, IngressProblem? problem) = await CloudEventHttpReader.ReadAsync(request, cancellationToken: cancellationToken);
        return problem is null ? (events, null) : (null, refuse(problem));
    }

    /// <summary>Whether an endpoint takes <paramref name="method"/> at all: POST, and OPTIONS for the handshake; any other is 405.</summary>
    public static bool TakesMethod(string method) => HttpMethods.IsPost(method) || HttpMethods.IsOptions(method);
}
