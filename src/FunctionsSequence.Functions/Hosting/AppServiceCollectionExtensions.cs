using System.Globalization;
using Azure;
using Azure.Core.Serialization;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Functions.Brokers;
using FunctionsSequence.Steps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        TimeSpan? functionTimeout = FunctionTimeout.Read(configuration, AppContext.BaseDirectory);
        CronSchedule sourceWakes = SourceWakes(configuration);
        ManifestSet manifests = AppManifests.Load(options, functionTimeout, Console.Out, sourceWakes);
        Dictionary<string, EventGridPublisherClient> topics = CreateTopicClients(options, manifests, configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IEventDisplaySink, LoggerDisplaySink>();
        services.AddSingleton(sp => new AppStopping(sp.GetService<IHostApplicationLifetime>()));
        services.AddSingleton<IFunctionMetadataTransformer>(new TriggerFunctions(manifests));
        AddAppGuarantees(services, options, configuration, functionTimeout, sourceWakes);
        services.AddSingleton<InProcessBroker>();
        services.AddSingleton<IBrokerPublisher>(sp => new EventGridBrokerPublisher(
            topics,
            sp.GetRequiredService<InProcessBroker>(),
            sp.GetRequiredService<ILogger<EventGridBrokerPublisher>>()));
        services.AddAppSteps();
        services.AddFunctionsSequence(manifests);
        return services;
    }

    /// <summary>
    /// What the app guarantees (Core's, as fseq has them), kept where every instance of the app sees
    /// it: the ledgers and dead letters in the app's storage, back-pressure per instance, purging;
    /// and the sources' cursor and the payload encoding.
    /// </summary>
    private static void AddAppGuarantees(IServiceCollection services, AppOptions options, IConfiguration configuration, TimeSpan? functionTimeout, CronSchedule sourceWakes)
    {
        foreach ((string setting, double value) in new[] { ("MaxInFlight", options.MaxInFlight), ("DedupWindowHours", options.DedupWindowHours), ("KeepRunsHours", options.KeepRunsHours ?? 1) })
        {
            if (value <= 0)
            {
                throw new InvalidOperationException($"App setting {AppOptions.Section}__{setting} must be positive, not {value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        TimeSpan window = TimeSpan.FromHours(options.DedupWindowHours);
        if (options.KeepRunsHours < options.DedupWindowHours)
        {
            // An admission whose confirmation was lost is settled by whether its run is still there.
            throw new InvalidOperationException(
                $"App setting {AppOptions.Section}__KeepRunsHours ({options.KeepRunsHours.Value.ToString(CultureInfo.InvariantCulture)}) must be at least {AppOptions.Section}__DedupWindowHours ({options.DedupWindowHours.ToString(CultureInfo.InvariantCulture)}): a repeated event is recognised by its run while the window lasts");
        }

        string taskHub = configuration["TaskHubName"] is { Length: > 0 } hub ? hub : "FunctionsSequence";
        TableServiceClient? tables = StorageClients.Tables(configuration);
        services.AddGuarantees(new GuaranteeOptions
        {
            Tables = tables,
            TaskHub = taskHub,
            DedupWindow = window,
            KeepRuns = options.KeepRunsHours is double hours ? TimeSpan.FromHours(hours) : window + TimeSpan.FromHours(1),
            MaxInFlight = options.MaxInFlight,
            Batching = options.Batching.ToOptions(),
            // Runs may end on another instance, where this one cannot see them: one counts in flight
            // here until its end is seen or read (RunEndPoller), and 10 minutes at most, which outlasts
            // Knative's default retries (about 205 s) and bounds what a run that never ends would hold.
            ForgetRunsAfter = TimeSpan.FromMinutes(10),
            SourceWakes = sourceWakes,
            SourceWakeBudget = FunctionTimeout.WorkBudget(functionTimeout),
        });
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(PayloadConverter.SerializerOptions));
    }

    /// <summary>The source timer's own schedule (<c>SourceTickSchedule</c>, 6-field NCRONTAB), for the due time of each wake.</summary>
    private static CronSchedule SourceWakes(IConfiguration configuration)
    {
        string schedule = configuration["SourceTickSchedule"] is { Length: > 0 } text ? text : "0 * * * * *";
        try
        {
            return CronSchedule.Parse(schedule);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"App setting SourceTickSchedule is invalid: {ex.Message}", ex);
        }
    }

    private static Dictionary<string, EventGridPublisherClient> CreateTopicClients(AppOptions options, ManifestSet manifests, IConfiguration configuration)
    {
        var clients = new Dictionary<string, EventGridPublisherClient>(StringComparer.Ordinal);
        foreach ((string setting, BrokerTopicOptions topic) in options.Brokers)
        {
            if (topic.TopicEndpoint is null)
            {
                continue;
            }

            // Setting names cannot hold '-': a Broker "my-broker" is configured as my_broker.
            string broker = EventGridNames.BrokerOfSetting(setting);
            if (!manifests.Brokers.ContainsKey(broker))
            {
                throw new ManifestException($"Setting {AppOptions.Section}__Brokers__{setting}__TopicEndpoint names Broker '{broker}', which is not in the manifests (Brokers: {string.Join(", ", manifests.Brokers.Keys)}; write '-' as '_' in setting names)");
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
