using FunctionsSequence.Core.Admission;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Runs Core's <see cref="InstancePurger"/> while fseq runs: every second in memory, where finished
/// runs hold the process's memory; every minute on storage, where each purge is a query of the task
/// hub's instances table and runs are kept for hours anyway.
/// </summary>
internal sealed class CompletedInstancePurger(InstancePurger purger, DurableTaskClient client, TimeSpan every) : BackgroundService
{
    /// <summary>How often it purges in memory.</summary>
    public static readonly TimeSpan InMemory = TimeSpan.FromSeconds(1);

    /// <summary>How often it purges on storage.</summary>
    public static readonly TimeSpan OnStorage = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await purger.PurgeAsync(client, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
