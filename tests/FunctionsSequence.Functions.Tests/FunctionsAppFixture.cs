using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Functions.Functions;
using FunctionsSequence.Functions.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Functions.Tests;

/// <summary>
/// The Functions app's own services (Program's wiring, over samples/4-broker-trigger) and its own
/// function methods registered as the orchestrators and activities of the embedded Durable Task
/// engine: what the Functions host would invoke, minus the host.
/// </summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    private DurableTaskTestHost? engine;

    public ServiceProvider Services { get; private set; } = null!;

    internal CapturingDisplaySink Display { get; } = new();

    public DurableTaskClient Client => engine!.Client;

    public async Task InitializeAsync()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FunctionsSequence:Manifests"] = Path.Combine(RepoPaths.Root, "samples", "4-broker-trigger"),
                // The test host runs 2 work items at a time: one run in flight keeps a burst to two runs.
                ["FunctionsSequence:Batching:MaxInFlight"] = "1",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFunctionsSequenceApp(configuration);
        services.AddSingleton<IEventDisplaySink>(Display);
        Services = services.BuildServiceProvider();

        ManifestSet manifests = Services.GetRequiredService<ManifestSet>();
        var activities = Services.GetRequiredService<SequenceActivities>();
        var gate = Services.GetRequiredService<RunGate>();

        // Typed registrations, so that the functions' own GetInput<T>() sees the input the host would give them.
        engine = await DurableTaskTestHost.StartAsync(registry => registry
            .AddOrchestratorFunc<SequenceInput, SequenceOutcome>(FunctionNames.SequenceOrchestrator, (context, _) => new SequenceOrchestratorFunction(manifests, gate).RunAsync(context))
            .AddOrchestratorFunc<SequenceBatchInput, SequenceBatchOutcome>(FunctionNames.SequenceBatchOrchestrator, (context, _) => new SequenceBatchOrchestratorFunction(manifests, gate).RunAsync(context))
            .AddOrchestratorFunc<TriggerInput, bool>(FunctionNames.TriggerOrchestrator, (context, _) => new TriggerOrchestratorFunction(manifests, gate).RunAsync(context))
            .AddOrchestratorFunc<TriggerBatchInput, TriggerBatchOutcome>(FunctionNames.TriggerBatchOrchestrator, (context, _) => new TriggerBatchOrchestratorFunction(manifests, gate).RunAsync(context))
            .AddActivityFunc<StepInput, DeliveryResult>(FunctionNames.RunStep, (_, input) => new RunStepFunction(activities).RunAsync(input, default))
            .AddActivityFunc<StepBatchInput, DeliveryResult[]>(FunctionNames.RunStepBatch, (_, input) => new RunStepBatchFunction(activities).RunAsync(input, default))
            .AddActivityFunc<RepliesInput, bool>(FunctionNames.DeliverReplies, (_, input) => new DeliverRepliesFunction(activities).RunAsync(input, Client, default))
            .AddActivityFunc<ReplyInput, bool>(FunctionNames.DeliverReply, (_, input) => new DeliverReplyFunction(activities).RunAsync(input, Client, default))
            .AddActivityFunc<TriggerInput, DeliveryResult>(FunctionNames.DeliverToSubscriber, (_, input) => new DeliverToSubscriberFunction(activities).RunAsync(input, Client, default))
            .AddActivityFunc<SequenceInput, SequenceOutcome>(FunctionNames.RunSequence, (_, input) => new RunSequenceFunction(activities).RunAsync(input, Client, default))
            .AddActivityFunc<SequenceBatchInput, SequenceOutcome[]>(FunctionNames.RunSequenceBatch, (_, input) => new RunSequenceBatchFunction(activities).RunAsync(input, Client, default))
            .AddActivityFunc<TriggerBatchInput, DeliveryResult[]>(FunctionNames.DeliverToSubscriberBatch, (_, input) => new DeliverToSubscriberBatchFunction(activities).RunAsync(input, Client, default))
            .AddActivityFunc<DeadLetterInput, bool>(FunctionNames.DeadLetter, (_, input) => new DeadLetterFunction(activities).RunAsync(input, Client, default)));
    }

    public async Task DisposeAsync()
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        await Services.DisposeAsync();
    }
}
