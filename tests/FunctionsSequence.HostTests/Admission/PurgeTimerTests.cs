using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Inspection;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Admission;

/// <summary>
/// PurgeTimer on the Functions host: finished runs older than KeepRunsHours leave the task hub, and
/// the admission ledger's expired claims its table, so storage follows the work rather than every
/// event. The timer's own schedule is a quarter hour; the test runs it through the admin API.
/// </summary>
[RunsLong(1)]
public sealed class PurgeTimerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Finished_runs_past_their_keep_and_expired_claims_are_purged()
    {
        await ClearOfTheTimersOwnTickAsync();

        // A dedup window of under a second and runs kept for under two, so both have passed before the purge.
        await using FunctionsHost host = await FunctionsHost.StartAsync(
            HostAvailability.Ensure(),
            new HostSettings(HostSettings.NewTaskHub("purge"), "samples/2-reply-display")
            {
                Extra = new Dictionary<string, string>
                {
                    ["FunctionsSequence__DedupWindowHours"] = "0.0002",
                    ["FunctionsSequence__KeepRunsHours"] = "0.0005",
                },
            });
        string[] ids = [.. Enumerable.Range(0, 3).Select(i => $"purge-{i}-{Guid.NewGuid():N}")];
        foreach (string id in ids)
        {
            using HttpResponseMessage posted = await host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/sequence", id).WithTime());
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        foreach (string id in ids)
        {
            await host.Log.WaitForDisplayAsync($"\n  id: {id}\n", Timeout);
        }

        // An event is displayed by its run's last activity, a moment before the run itself completes.
        List<RunSummary> runs = [];
        await Eventually.UntilAsync(
            () => ids.All(id => (runs = RunsAsync(host).GetAwaiter().GetResult()).Any(r => r.EventIds.Contains(id))), Timeout, () => "the runs have not all completed");
        Assert.NotEmpty(runs);
        var ledger = new TableClient("UseDevelopmentStorage=true", host.Settings.TaskHub + TableAdmissionLedger.TableSuffix);
        Assert.NotEmpty(await RowsAsync(ledger));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await host.RunNowAsync("PurgeTimer");

        await Eventually.UntilAsync(() => RunsAsync(host).GetAwaiter().GetResult().Count == 0, Timeout, () => "finished runs are still listed");
        foreach (RunSummary run in runs)
        {
            using HttpResponseMessage gone = await host.Http.GetAsync($"/api/runs/{Uri.EscapeDataString(run.Id)}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        await Eventually.UntilAsync(() => RowsAsync(ledger).GetAwaiter().GetResult().Count == 0, Timeout, () => "the admission ledger still holds claims");
        Assert.Empty(host.Log.Lines("Purging finished runs or expired claims failed"));
    }

    /// <summary>
    /// Waits past a quarter hour due within 90 s: the timer's own tick there would clean the ledger
    /// before the claims expire, and the ledger is cleaned at most every 10 minutes, so the test's run would skip it.
    /// </summary>
    private static async Task ClearOfTheTimersOwnTickAsync()
    {
        DateTime now = DateTime.UtcNow;
        DateTime tick = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddMinutes((now.Minute / 15 + 1) * 15);
        if (tick - now < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(tick - now + TimeSpan.FromSeconds(5));
        }
    }

    private static async Task<List<RunSummary>> RunsAsync(FunctionsHost host) =>
        await host.Http.GetFromJsonAsync<List<RunSummary>>("/api/runs?sequence=sequence&status=completed&limit=1000", InspectionApi.Json) ?? [];

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
