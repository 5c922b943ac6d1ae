namespace FunctionsSequence.Core.Infra;

/// <summary>One Broker: one custom topic.</summary>
/// <param name="Name">The Broker name.</param>
/// <param name="Topic">The topic's name after the deployment's prefix: the Broker name, shortened with a hash when a topic name could not hold it.</param>
/// <param name="Setting">The Broker name as app settings spell it (<c>FunctionsSequence__Brokers__{Setting}__TopicEndpoint</c>): '-', which setting names may not hold, as '_', which Knative names never hold.</param>
public sealed record EventGridTopic(string Name, string Topic, string Setting);
