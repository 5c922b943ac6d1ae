using FunctionsSequence.Core.Ingress;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Inspection;

/// <summary>
/// The inspection and dashboard routes are read only: GET (and HEAD) is answered, any other method is a 405 with
/// <c>Allow</c> and a problem body, as the CloudEvents routes answer a method they do not take. Both hosts map every
/// method to these routes and ask here first, so neither answers 404 for a route that exists.
/// </summary>
public static class ReadOnlyRoute
{
    /// <summary>The methods a read-only route takes.</summary>
    public const string Allowed = "GET, HEAD";

    /// <summary>What <paramref name="read"/> answers for GET or HEAD; a 405 for any other method.</summary>
    public static Task<IResult> AnswerAsync(HttpRequest request, Func<Task<IResult>> read)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return read();
        }

        request.HttpContext.Response.Headers.Allow = Allowed;
        return Task.FromResult(new IngressProblem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"{request.Method} is not allowed here: this route is read only; GET it.").ToResult());
    }
}
