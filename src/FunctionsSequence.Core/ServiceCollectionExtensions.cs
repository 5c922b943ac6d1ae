using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FunctionsSequence.Core;

/// <summary>The one way in: registers Core's behaviour for a host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the router, activities, ingress and in-process broker over <paramref name="manifests"/>.
    /// A host may register its own <see cref="IBrokerPublisher"/>, <see cref="IEventDisplaySink"/>
    /// <see cref="IFlowObserver"/>, <see cref="BatchingOptions"/> or <see cref="RunGate"/>
    /// first; these are only defaults. The gate must also be told when orchestrations end.
    /// </summary>
    public static IServiceCollection AddFunctionsSequence(this IServiceCollection services, ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        services.AddSingleton(manifests);
        services.TryAddSingleton<IEventDisplaySink, ConsoleDisplaySink>();
        services.TryAddSingleton<IFlowObserver>(NullFlowObserver.Instance);
        services.TryAddSingleton<IDisplayLedger, InMemoryDisplayLedger>();
        services.TryAddSingleton<IBrokerPublisher, InProcessBroker>();
        services.TryAddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(100) });
        services.TryAddSingleton<ServiceInvoker>();
        services.TryAddSingleton<OrchestrationStarter>();
        services.TryAddSingleton(new BatchingOptions());
        services.TryAddSingleton(sp => new RunGate(sp.GetRequiredService<BatchingOptions>().Validate()));
        services.TryAddSingleton<RunBatcher>();
        services.TryAddSingleton<EventRouter>();
        services.TryAddSingleton<SequenceActivities>();
        services.TryAddSingleton<CloudEventIngress>();
        services.TryAddSingleton<Sources.SourceFirer>();
        return services;
    }
}
