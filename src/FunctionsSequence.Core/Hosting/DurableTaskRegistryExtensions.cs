using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Parallels;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Hosting;

/// <summary>
/// Registers every orchestrator and activity with a Durable Task worker (the embedded engine) under
/// <see cref="TaskNames"/>, as the Functions app declares them as functions.
/// </summary>
public static class DurableTaskRegistryExtensions
{
    /// <summary>Adds the Sequence, Parallel and Trigger orchestrators and their activities.</summary>
    /// <remarks>Orchestrators get no services (the worker creates them bare), so the manifests and the observer are handed over here.</remarks>
    public static DurableTaskRegistry AddFunctionsSequenceTasks(this DurableTaskRegistry registry, ManifestSet manifests, IFlowObserver observer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestratorFunc<SequenceRun, RunOutcome>(
                TaskNames.SequenceOrchestrator, (context, run) => ObservedOrchestration.RunAsync(context, observer, () => SequenceOrchestration.RunAsync(context, run, manifests)))
            .AddOrchestratorFunc<ParallelRun, RunOutcome>(
                TaskNames.ParallelOrchestrator, (context, run) => ObservedOrchestration.RunAsync(context, observer, () => ParallelOrchestration.RunAsync(context, run, manifests)))
            .AddOrchestratorFunc<TriggerRun, RunOutcome>(
                TaskNames.TriggerOrchestrator, (context, run) => ObservedOrchestration.RunAsync(context, observer, () => TriggerOrchestration.RunAsync(context, run, manifests)))
            .AddActivity(TaskNames.RunStep, sp => Activity<StepInput, DeliveryResult[]>(input => sp.GetRequiredService<HopActivities>().RunStepAsync(input, Client(sp))))
            .AddActivity(TaskNames.RunSequence, sp => Activity<SequenceRun, RunOutcome>(run => sp.GetRequiredService<SequenceActivities>().RunSequenceAsync(run, Client(sp))))
            .AddActivity(TaskNames.DeliverReply, sp => Activity<ReplyInput, ReplyOutcome>(input => sp.GetRequiredService<HopActivities>().DeliverReplyAsync(input, Client(sp))))
            .AddActivity(TaskNames.DeliverToSubscriber, sp => Activity<TriggerRun, DeliveryResult[]>(run => sp.GetRequiredService<SubscriberActivity>().DeliverAsync(run, Client(sp))))
            .AddActivity(TaskNames.DeadLetter, sp => Activity<DeadLetterInput, DeliveryResult>(input => sp.GetRequiredService<DeadLetterActivity>().SendAsync(input, Client(sp))));
    }

    private static FuncActivity<TInput, TOutput> Activity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) => new(run);

    private static DurableTaskClient Client(IServiceProvider services) => services.GetRequiredService<DurableTaskClient>();
}
