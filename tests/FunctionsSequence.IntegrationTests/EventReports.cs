namespace FunctionsSequence.IntegrationTests;

/// <summary>What the app's inspection route says of events a test misses, for its failure message.</summary>
internal static class EventReports
{
    /// <summary>The report of <c>GET /api/events/{id}</c> for the first five of <paramref name="ids"/>, on one line.</summary>
    public static async Task<string> WhereAsync(HttpClient http, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(http);
        var found = new List<string>();
        foreach (string id in ids.Take(5))
        {
            using HttpResponseMessage report = await http.GetAsync($"/api/events/{Uri.EscapeDataString(id)}");
            found.Add($"{id}: {(int)report.StatusCode} {await report.Content.ReadAsStringAsync()}");
        }

        return string.Join("; ", found);
    }
}
