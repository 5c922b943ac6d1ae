namespace FunctionsSequence.Functions.Hosting;

/// <summary>Where a Broker's Event Grid topic is, and how to authenticate to it.</summary>
public sealed class BrokerTopicOptions
{
    /// <summary>The topic endpoint, e.g. <c>https://mytopic.westeurope-1.eventgrid.azure.net/api/events</c>.</summary>
    public Uri? TopicEndpoint { get; set; }

    /// <summary>
    /// The name of the app setting that holds an access key, for topics that still use keys (e.g. a
    /// Key Vault reference). Leave empty to use the app's managed identity, which is the default.
    /// </summary>
    public string? KeySetting { get; set; }
}
