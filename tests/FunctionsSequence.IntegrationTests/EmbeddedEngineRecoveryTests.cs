using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Core.Tests;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The embedded engine on the Azure Storage backend (Azurite) after a crash, at the level of its
/// queue messages: what a process killed part-way through an episode leaves behind, the next one
/// must take as the Functions host's dispatcher does.
/// </summary>
public sealed class EmbeddedEngineRecoveryTests
{
    /// <summary>
    /// The backend writes a run's first episode before it deletes the start message that began it, so
    /// a kill between the two leaves the start to come again once the run is under way. That start
    /// must be dropped, as DurableTask.Core's dispatcher drops it, and the run go on.
    /// </summary>
    [Fact]
    public async Task A_start_message_that_comes_again_once_the_run_is_under_way_is_dropped_and_the_run_goes_on()
    {
        await Azurite.EnsureRunningAsync();
        var options = new EngineOptions { StorageConnectionString = Azurite.ConnectionString, TaskHub = "dupstart" + Guid.NewGuid().ToString("N")[..10], Concurrency = 10 };
        var lines = new LogLines();
        using ILoggerFactory logs = LoggerFactory.Create(b => b.AddProvider(lines).SetMinimumLevel(LogLevel.Warning));
        await using EmbeddedEngine engine = await EmbeddedEngine.StartAzureStorageAsync(options, logs, default);
        var stepStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stepMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IHost host = StartWorker(engine, options, stepStarted, stepMayEnd);
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();

        string instanceId = await client.ScheduleNewOrchestrationInstanceAsync("TwoSteps", "hello");
        await stepStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var store = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(Azurite.ConnectionString),
        });
        using (var thirtySeconds = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await client.WaitForInstanceStartAsync(instanceId, thirtySeconds.Token); // running: its first episode is written
        }

        OrchestrationState running = await store.GetOrchestrationStateAsync(instanceId, executionId: null);

        // What the kill leaves: the run's own start message, again, while its first step runs.
        await store.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = running.OrchestrationInstance,
            Event = new ExecutionStartedEvent(-1, running.Input) { OrchestrationInstance = running.OrchestrationInstance, Name = running.Name, Version = running.Version ?? string.Empty },
        });
        stepMayEnd.SetResult(); // the start comes to the run alone, or with the step's answer

        using var toEnd = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        OrchestrationMetadata? done = null;
        try
        {
            done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, toEnd.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{instanceId} did not end within 30 s of its step's end: stalled with its start taken again");
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("hello, stepped, stepped", done.ReadOutputAs<string>());
        List<(LogLevel Level, int EventId, string Text)> logged;
        lock (lines.Lines)
        {
            logged = [.. lines.Entries];
        }

        // Taken, the start would have failed the episode it came in (and so its batch) until dropped as the run ended.
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error && e.Text.Contains(instanceId, StringComparison.Ordinal));
        Assert.Contains(logged, e => e.EventId == 2014 && e.Text.Contains(instanceId, StringComparison.Ordinal));
        await host.StopAsync();
    }

    private static IHost StartWorker(EmbeddedEngine engine, EngineOptions options, TaskCompletionSource stepStarted, TaskCompletionSource stepMayEnd)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(grpc => EngineSettings.Apply(grpc, engine.Channel));
            worker.Configure(o => EngineSettings.Apply(o, options));
            worker.AddTasks(registry => registry
                .AddActivityFunc<string, string>("Step", async (_, input) =>
                {
                    stepStarted.TrySetResult();
                    await stepMayEnd.Task;
                    return input + ", stepped";
                })
                .AddOrchestratorFunc<string, string>("TwoSteps", async (context, input) =>
                {
                    string once = await context.CallActivityAsync<string>("Step", input);
                    return await context.CallActivityAsync<string>("Step", once);
                }));
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(engine.Channel);
            client.Configure(EngineSettings.Apply);
        });
        IHost host = builder.Build();
        host.Start();
        return host;
    }
}
