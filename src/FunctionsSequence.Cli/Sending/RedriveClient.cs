using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Ingress;

namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// The dead-letter routes of a running fseq or Functions app (<c>GET /api/deadletters</c>,
/// <c>POST /api/deadletters/{id}/redrive</c>), with a function key in x-functions-key when given.
/// </summary>
internal sealed class RedriveClient(Uri app, string? functionKey) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>The dead letters the app keeps.</summary>
    /// <exception cref="HttpRequestException">The app could not be reached or refused.</exception>
    public async Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = AppRequests.Create(HttpMethod.Get, app, IngressRoutes.DeadLetters, functionKey);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<DeadLetterRecord>>(DeadLetterJson.Options, cancellationToken) ?? [];
    }

    /// <summary>Asks the app to redrive dead letter <paramref name="id"/>; its audit says what came of it.</summary>
    /// <exception cref="HttpRequestException">The app could not be reached, or answered without an audit.</exception>
    public async Task<RedriveAudit> RedriveAsync(string id, CancellationToken cancellationToken)
    {
        string route = IngressRoutes.DeadLetterRedrive.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
        using HttpRequestMessage request = AppRequests.Create(HttpMethod.Post, app, route, functionKey);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase} from {app}", null, response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync<RedriveAudit>(DeadLetterJson.Options, cancellationToken))!;
    }

    public void Dispose() => http.Dispose();
}
