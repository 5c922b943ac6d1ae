using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Tests;
using FunctionsSequence.Functions.Functions;
using FunctionsSequence.Functions.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>What the app logged.</summary>
    internal LogLines Logs { get; } = new();

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
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddFunctionsSequenceApp(configuration);
        services.AddSingleton<IEventDisplaySink>(Display);
        Services = services.BuildServiceProvider();

        ManifestSet manifests = Services.GetRequiredService<ManifestSet>();
        var hops = Services.GetRequiredService<HopActivities>();
        var steps = Services.GetRequiredService<SequenceActivities>();
        var subscribers = Services.GetRequiredService<SubscriberActivity>();
        var deadLetters = Services.GetRequiredService<DeadLetterActivity>();
        var inFlight = Services.GetRequiredService<InFlightRuns>();

        // Typed registrations, so that the functions' own GetInput<T>() sees the input the host would give them.
        engine = await DurableTaskTestHost.StartAsync(registry => registry
            .AddOrchestratorFunc<SequenceRun, RunOutcome>(FunctionNames.SequenceOrchestrator, (context, _) => new SequenceOrchestratorFunction(manifests, inFlight).RunAsync(context))
            .AddOrchestratorFunc<ParallelRun, RunOutcome>(FunctionNames.ParallelOrchestrator, (context, _) => new ParallelOrchestratorFunction(manifests, inFlight).RunAsync(context))
            .AddOrchestratorFunc<TriggerRun, RunOutcome>(FunctionNames.TriggerOrchestrator, (context, _) => new TriggerOrchestratorFunction(manifests, inFlight).RunAsync(context))
            .AddActivityFunc<StepInput, DeliveryResult[]>(FunctionNames.RunStep, (_, input) => new RunStepFunction(hops).RunAsync(input, Client, default))
            .AddActivityFunc<SequenceRun, RunOutcome>(FunctionNames.RunSequence, (_, input) => new RunSequenceFunction(steps).RunAsync(input, Client, default))
            .AddActivityFunc<ReplyInput, ReplyOutcome>(FunctionNames.DeliverReply, (_, input) => new DeliverReplyFunction(hops).RunAsync(input, Client, default))
            .AddActivityFunc<TriggerRun, DeliveryResult[]>(FunctionNames.DeliverToSubscriber, (_, input) => new DeliverToSubscriberFunction(subscribers).RunAsync(input, Client, default))
            .AddActivityFunc<DeadLetterInput, DeliveryResult>(FunctionNames.DeadLetter, (_, input) => new DeadLetterFunction(deadLetters).RunAsync(input, Client, default)));
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
