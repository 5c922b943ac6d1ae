using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// The CloudEvents webhook abuse-protection handshake (what Event Grid sends before delivering to a
/// CloudEvents-schema endpoint): OPTIONS with <c>WebHook-Request-Origin</c>, answered with
/// <c>WebHook-Allowed-Origin</c> and <c>WebHook-Allowed-Rate</c>.
/// </summary>
public static class WebhookHandshake
{
    /// <summary>Answers the OPTIONS request.</summary>
    public static IResult Respond(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string origin = request.Headers["WebHook-Request-Origin"].ToString();
        return new HandshakeResult(origin.Length > 0 ? origin : "*");
    }

    private sealed class HandshakeResult(string origin) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
            httpContext.Response.Headers["WebHook-Allowed-Rate"] = "*";
            httpContext.Response.Headers.Allow = "POST, OPTIONS";
            return Task.CompletedTask;
        }
    }
}
