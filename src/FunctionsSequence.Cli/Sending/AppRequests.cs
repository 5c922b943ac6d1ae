using FunctionsSequence.Core.Events;

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

    /// <summary>
    /// What to add to a refusal with <paramref name="status"/> from <paramref name="called"/>: a 401
    /// from a Functions app means its function key is wanted (none was given) or was not the app's;
    /// otherwise nothing. The target may be something else (a Knative Broker), so it says "if".
    /// </summary>
    public static string KeyHint(System.Net.HttpStatusCode status, string? functionKey, Uri? called) =>
        status != System.Net.HttpStatusCode.Unauthorized ? string.Empty
        : functionKey is not null || called?.Query.Contains("code=", StringComparison.Ordinal) == true
            ? " (if this is a Functions app, it refused the function key given: az functionapp keys list shows its keys)"
            : " (if this is a Functions app, its routes need its function key: give --key KEY or set FSEQ_KEY; az functionapp keys list shows it)";

    /// <summary>The app at <paramref name="app"/> refused with <paramref name="response"/>'s status, with the key hint for a 401.</summary>
    public static HttpRequestException Refused(HttpResponseMessage response, Uri app, string? functionKey) =>
        new($"{(int)response.StatusCode} {response.ReasonPhrase} from {app}{KeyHint(response.StatusCode, functionKey, app)}", null, response.StatusCode);

    /// <summary>What a command says when <paramref name="called"/> did not answer within <paramref name="timeout"/> (<paramref name="tries"/>: such as ", twice").</summary>
    public static TimeoutException NoAnswer(Uri? called, TimeSpan timeout, string tries, Exception inner) =>
        new($"{(called is null ? "the app" : ShownUri.Of(called))} did not answer within {timeout.TotalSeconds:0} s{tries} (give --timeout SECONDS to wait longer)", inner);

    /// <summary>
    /// Sends <paramref name="request"/> with <paramref name="http"/>. No answer within the client's
    /// timeout is a <see cref="TimeoutException"/> that says what was called and how long it waited
    /// (HttpClient's own is a TaskCanceledException that says neither).
    /// </summary>
    public static async Task<HttpResponseMessage> AskAsync(this HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw NoAnswer(request.RequestUri, http.Timeout, string.Empty, ex);
        }
    }
}
