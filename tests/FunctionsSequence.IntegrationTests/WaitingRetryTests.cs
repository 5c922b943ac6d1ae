namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq on storage (Azurite) stopped while a step's retry waits its back-off, then started again
/// on the same task hub: the retry is made when due and the event reaches the reply once
/// (<see cref="WaitingRetry"/>).
/// </summary>
public sealed class WaitingRetryTests(StepServer steps) : IClassFixture<StepServer>
{
    [Fact]
    public async Task A_retry_waiting_its_back_off_when_fseq_stops_is_made_when_due_after_it_starts_again()
    {
        await Azurite.EnsureRunningAsync();
        string yaml = DeliveryScenario.Manifest(steps, TimeSpan.FromSeconds(0.3));
        string[] args = ["--store", "azurite", "--task-hub", "waiting" + Guid.NewGuid().ToString("N")[..10]];
        ManifestRun run = await ManifestRun.StartAsync(yaml, args);
        try
        {
            await WaitingRetry.AssertMadeAfterRestartAsync(
                run.Http,
                steps,
                waitForLog: text => run.Fseq.WaitForLogAsync(text),
                stop: async () =>
                {
                    Assert.Equal(0, await run.Fseq.StopAsync());
                    await run.DisposeAsync();
                },
                start: async () => run = await ManifestRun.StartAsync(yaml, args),
                settle: TimeSpan.FromSeconds(1.5));
        }
        finally
        {
            await run.DisposeAsync();
        }
    }
}
