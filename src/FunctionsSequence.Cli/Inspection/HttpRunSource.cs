using System.Net;
using System.Text.Json;
using FunctionsSequence.Cli.Runtime;
using FunctionsSequence.Cli.Sending;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.Cli.Inspection;

/// <summary>Runs read through the inspection routes of a running fseq or Functions app (<see cref="InspectionRoutes"/>).</summary>
/// <param name="baseAddress">The host, e.g. <c>http://127.0.0.1:7071</c>; the routes are under its <c>api/</c>.</param>
/// <param name="key">A Functions app's function key (<c>x-functions-key</c>), or null.</param>
/// <param name="timeout">How long to wait for each answer.</param>
internal sealed class HttpRunSource(Uri baseAddress, string? key, TimeSpan timeout) : IRunSource
{
    private readonly HttpClient http = new() { Timeout = timeout };

    public async Task<IReadOnlyList<RunSummary>> ListAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new List<string> { $"limit={filter.Limit}" };
        if (filter.Target is { } target)
        {
            query.Add($"{RunFilter.ParameterOf(target.Kind)}={Uri.EscapeDataString(target.Name)}");
        }

        if (filter.Status is { } status)
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        return await GetAsync<List<RunSummary>>($"{InspectionRoutes.Runs}?{string.Join('&', query)}", cancellationToken) ?? [];
    }

    public async Task<EventReport> FindEventAsync(string eventId, CancellationToken cancellationToken) =>
        await GetAsync<EventReport>("events/" + Uri.EscapeDataString(eventId), cancellationToken) ?? new EventReport(eventId, []);

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The answer to GET <paramref name="route"/>; null for a 404 whose problem says nothing was found (not that the route is unknown).</summary>
    private async Task<T?> GetAsync<T>(string route, CancellationToken cancellationToken)
        where T : class
    {
        using HttpRequestMessage request = AppRequests.Create(HttpMethod.Get, baseAddress, route, key);
        Uri uri = request.RequestUri!;

        HttpResponseMessage response;
        try
        {
            response = await http.AskAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new InspectionException($"cannot reach {baseAddress}: {ex.Message} (is fseq run going there? or give --store to read a task hub)", ex);
        }
        catch (TimeoutException ex)
        {
            throw new InspectionException(ex.Message, ex);
        }

        using (response)
        {
            string? body = null;
            if (response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && !(body = await response.Content.ReadAsStringAsync(cancellationToken)).Contains($"\"{LocalRuntime.UnknownRoute}\"", StringComparison.Ordinal))
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                body ??= await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InspectionException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}{Detail(body)}{AppRequests.KeyHint(response.StatusCode, key, uri)}");
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(InspectionApi.Json, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new InspectionException($"{uri} did not answer with runs (is it fseq or a FunctionsSequence app?): {ex.Message}", ex);
            }
        }
    }

    private static string Detail(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out JsonElement detail) ? ": " + detail.GetString() : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
