namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Sequence retry-across-restart of <see cref="DeliveryScenario"/> on either host: its step fails
/// twice at once, and the app restarts while the second retry waits its 15 s back-off (a durable
/// timer). Started again on the same task hub, the app makes the retry when it is due, and the
/// event reaches the reply once.
/// </summary>
internal static class WaitingRetry
{
    /// <summary>The least wait the second retry may follow the first by: the 15 s back-off, less a second for the clocks.</summary>
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(14);

    /// <summary>
    /// Sends an event; once the app has logged that the second retry waits (<paramref name="waitForLog"/>),
    /// stops it (<paramref name="stop"/>) and starts it again (<paramref name="start"/>, also when a
    /// check fails, for a host the next tests share); then checks the rest.
    /// </summary>
    public static async Task AssertMadeAfterRestartAsync(HttpClient http, StepServer steps, Func<string, Task> waitForLog, Func<Task> stop, Func<Task> start, TimeSpan settle)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(waitForLog);
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(start);
        string id = "w-" + Guid.NewGuid().ToString("N");
        using (HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/retry-across-restart", id, "test.event", "/waiting-retry", """{"message":"hi"}"""))
        using (HttpResponseMessage response = await http.SendAsync(request))
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // Logged when the run has the second attempt's failure and waits its back-off: stopped before,
        // an attempt cut short by the stop would be made again at once after the restart.
        await waitForLog($"attempt 2/3 failed for event {id} ");
        DateTimeOffset stopped;
        try
        {
            await stop();
            stopped = DateTimeOffset.UtcNow;
        }
        finally
        {
            await start();
        }

        Assert.True(stopped < steps.AttemptsOf("/flaky", id)[1] + Backoff, "the app took longer to stop than the back-off: the test proves nothing");
        await steps.WaitAtAsync("/sink", id);
        await Task.Delay(settle);

        IReadOnlyList<DateTimeOffset> attempts = steps.AttemptsOf("/flaky", id);
        Assert.Equal(3, attempts.Count); // 503, 503, then answered
        Assert.True(attempts[1] + Backoff <= attempts[2], $"the second retry came {(attempts[2] - attempts[1]).TotalSeconds:0.0} s after the first; its back-off is 15 s");
        Assert.True(attempts[2] > stopped, "the second retry was made before the app stopped");
        Assert.Single(steps.At("/sink", id));
    }
}
