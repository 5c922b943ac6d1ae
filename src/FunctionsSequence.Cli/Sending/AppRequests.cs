namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// Requests to the routes of a running fseq or Functions app: under the host's <c>api/</c>, with the
/// app's function key in <c>x-functions-key</c> when one is given (never in the URL, where it would be logged).
/// </summary>
internal static class AppRequests
{
    /// <summary>A request for <paramref name="route"/> (relative, e.g. <c>runs?limit=5</c>) of the app at <paramref name="app"/>.</summary>
    public static HttpRequestMessage Create(HttpMethod method, Uri app, string route, string? functionKey) =>
        new HttpRequestMessage(method, new Uri(app, "api/" + route)).WithKey(functionKey);

    /// <summary>Adds the function key, if any, to <paramref name="request"/>.</summary>
    public static HttpRequestMessage WithKey(this HttpRequestMessage request, string? functionKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (functionKey is not null)
        {
            request.Headers.Add("x-functions-key", functionKey);
        }

        return request;
    }
}
