using FunctionsSequence.Core.Admission;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>Runs Core's <see cref="InstancePurger"/> once a second while fseq runs.</summary>
internal sealed class CompletedInstancePurger(InstancePurger purger, DurableTaskClient client) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await purger.PurgeAsync(client, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
