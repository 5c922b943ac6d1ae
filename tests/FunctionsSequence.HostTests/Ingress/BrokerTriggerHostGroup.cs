using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>The classes that share <see cref="BrokerTriggerHost"/> (one host start instead of one per class; they run one after the other).</summary>
[CollectionDefinition(Name)]
[RunsLong(1)]
public sealed class BrokerTriggerHostGroup : ICollectionFixture<BrokerTriggerHost>
{
    public const string Name = "broker-trigger host";
}
