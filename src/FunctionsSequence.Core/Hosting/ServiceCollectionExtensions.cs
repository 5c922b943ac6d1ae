using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Core.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FunctionsSequence.Core.Hosting;

/// <summary>The one way in: registers Core's behaviour for a host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers routing, admission, the activities, ingress and the in-process Broker over
    /// <paramref name="manifests"/>. A host may register its own <see cref="IBrokerPublisher"/>,
    /// <see cref="IEventDisplaySink"/>, <see cref="IDisplayLedger"/>, <see cref="IAdmissionLedger"/>, <see cref="IDeadLetterStore"/>, <see cref="BatchingOptions"/>
    /// or <see cref="InFlightRuns"/> first; these are only defaults. Orchestrations must report
    /// their end to the <see cref="InFlightRuns"/> (the <see cref="IFlowObserver"/>).
    /// </summary>
    public static IServiceCollection AddFunctionsSequence(this IServiceCollection services, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        services.AddSingleton(manifests);
        services.TryAddSingleton<IEventDisplaySink, ConsoleDisplaySink>();
        services.TryAddSingleton<IDisplayLedger, InMemoryDisplayLedger>();
        services.TryAddSingleton<IBrokerPublisher, InProcessBroker>();
        // No timeout of its own: each attempt has its token (the delivery's timeout, else DeliveryPolicy.DefaultTimeout).
        // A redirect is not followed: Knative's data plane counts a 3xx as an error, and a followed 302 would turn the
        // POST into a GET without the event and count it delivered.
        services.TryAddSingleton(_ => DeliveryHttp.Create());
        services.TryAddSingleton<ServiceInvoker>();
        services.TryAddSingleton(new BatchingOptions());
        services.TryAddSingleton(sp => new InFlightRuns(sp.GetRequiredService<BatchingOptions>()));
        services.TryAddSingleton<IFlowObserver>(sp => sp.GetRequiredService<InFlightRuns>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAdmissionLedger>(sp => new InMemoryAdmissionLedger(RunAdmission.DefaultRetention, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<OrchestrationStarter>();
        services.TryAddSingleton<RunAdmission>();
        services.TryAddSingleton<RunBatcher>();
        services.TryAddSingleton<InProcessBroker>();
        services.TryAddSingleton<TriggerAdmission>();
        services.TryAddSingleton<Brokers>();
        services.TryAddSingleton<EventRouter>();
        services.TryAddSingleton<IDeadLetterStore, InMemoryDeadLetterStore>();
        services.TryAddSingleton<DeadLetterRedrive>();
        services.TryAddSingleton<DeadLetterEndpoints>();
        services.TryAddSingleton<DeadLetterActivity>();
        services.TryAddSingleton(new AppStopping()); // never stopping: the Functions app registers its own (AppStopping says why)
        services.TryAddSingleton<HopActivities>();
        services.TryAddSingleton<SequenceActivities>();
        services.TryAddSingleton<SubscriberActivity>();
        services.TryAddSingleton<CloudEventIngress>();
        services.TryAddSingleton<DisplayIngress>();
        services.TryAddSingleton<SourceFirer>();
        services.TryAddSingleton<Dashboard.Dashboard>();
        return services;
    }
}
