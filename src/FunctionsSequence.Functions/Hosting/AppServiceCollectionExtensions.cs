using Azure;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Functions.Brokers;
using FunctionsSequence.Steps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>Wires the Functions app: manifests, Core, in-app steps, display to the log, Event Grid Brokers.</summary>
public static class AppServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates the manifests now, so an invalid manifest stops the app at start-up
    /// with every error listed, instead of failing events one by one.
    /// </summary>
    public static IServiceCollection AddFunctionsSequenceApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AppOptions();
        configuration.GetSection(AppOptions.Section).Bind(options);
        ManifestSet manifests = LoadManifests(options);
        Dictionary<string, EventGridPublisherClient> topics = CreateTopicClients(options, manifests, configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IEventDisplaySink, LoggerDisplaySink>();
        services.AddSingleton<InProcessBroker>();
        services.AddSingleton<IBrokerPublisher>(sp => new EventGridBrokerPublisher(
            topics,
            sp.GetRequiredService<InProcessBroker>(),
            sp.GetRequiredService<ILogger<EventGridBrokerPublisher>>()));
        services.AddSingleton(options.Batching.ToOptions());
        services.AddAppSteps();
        services.AddFunctionsSequence(manifests);
        return services;
    }

    private static ManifestSet LoadManifests(AppOptions options)
    {
        string[] paths = string.IsNullOrWhiteSpace(options.Manifests)
            ? [Path.Combine(AppContext.BaseDirectory, "manifests")]
            : options.Manifests.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] inAppSteps = new ServiceCollection().AddAppSteps().StepNames();
        ManifestLoadResult result = new ManifestLoader(inAppSteps, options.Checkpoint).Load(paths);
        return result.EnsureValid(); // throws ManifestException listing file, line and field of every error
    }

    private static Dictionary<string, EventGridPublisherClient> CreateTopicClients(AppOptions options, ManifestSet manifests, IConfiguration configuration)
    {
        var clients = new Dictionary<string, EventGridPublisherClient>(StringComparer.Ordinal);
        foreach ((string broker, BrokerTopicOptions topic) in options.Brokers)
        {
            if (topic.TopicEndpoint is null)
            {
                continue;
            }

            if (!manifests.Brokers.ContainsKey(broker))
            {
                throw new ManifestException($"Setting {AppOptions.Section}:Brokers:{broker}:TopicEndpoint names Broker '{broker}', which is not in the manifests (Brokers: {string.Join(", ", manifests.Brokers.Keys)})");
            }

            string? key = topic.KeySetting is { Length: > 0 } name ? configuration[name] : null;
            clients[broker] = key is { Length: > 0 }
                ? new EventGridPublisherClient(topic.TopicEndpoint, new AzureKeyCredential(key))
                // The app's user-assigned identity: AZURE_CLIENT_ID names it, as DefaultAzureCredential expects.
                : new EventGridPublisherClient(topic.TopicEndpoint, new DefaultAzureCredential());
        }

        return clients;
    }
}
