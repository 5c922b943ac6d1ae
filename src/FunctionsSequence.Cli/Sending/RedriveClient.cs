using System.Text.Json;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Ingress;

namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// The dead-letter routes of a running fseq or Functions app (<c>GET /api/deadletters</c>,
/// <c>POST /api/deadletters/{id}/redrive</c>), with a function key in x-functions-key when given.
/// </summary>
/// <param name="app">The app's base address.</param>
/// <param name="functionKey">A Functions app's function key, or null.</param>
/// <param name="timeout">How long to wait for each answer.</param>
internal sealed class RedriveClient(Uri app, string? functionKey, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = timeout };

    /// <summary>The dead letters the app keeps.</summary>
    /// <exception cref="HttpRequestException">The app could not be reached or refused.</exception>
    /// <exception cref="TimeoutException">The app did not answer in time.</exception>
    public async Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = AppRequests.Create(HttpMethod.Get, app, IngressRoutes.DeadLetters, functionKey);
        using HttpResponseMessage response = await http.AskAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw AppRequests.Refused(response, app, functionKey);
        }

        return await ReadAsync<List<DeadLetterRecord>>(response, "dead letters", cancellationToken);
    }

    /// <summary>Asks the app to redrive dead letter <paramref name="id"/>; its audit says what came of it.</summary>
    /// <exception cref="HttpRequestException">The app could not be reached, or answered without an audit.</exception>
    /// <exception cref="TimeoutException">The app did not answer in time.</exception>
    public async Task<RedriveAudit> RedriveAsync(string id, CancellationToken cancellationToken)
    {
        string route = IngressRoutes.DeadLetterRedrive.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
        using HttpRequestMessage request = AppRequests.Create(HttpMethod.Post, app, route, functionKey);
        using HttpResponseMessage response = await http.AskAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            throw AppRequests.Refused(response, app, functionKey);
        }

        return await ReadAsync<RedriveAudit>(response, "a redrive audit", cancellationToken);
    }

    /// <summary>The answer's JSON as <typeparamref name="T"/>; an answer that is not (another server at that address) is an <see cref="HttpRequestException"/>.</summary>
    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(DeadLetterJson.Options, cancellationToken)
                ?? throw new JsonException("the answer is null");
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException($"{app} did not answer with {what} (is it fseq or a FunctionsSequence app?): {ex.Message}", ex, response.StatusCode);
        }
    }

    public void Dispose() => http.Dispose();
}
