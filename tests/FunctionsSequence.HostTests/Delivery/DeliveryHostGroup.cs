using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>The classes that share <see cref="DeliveryHost"/> (one host start instead of one per class; they run one after the other).</summary>
[CollectionDefinition(Name)]
[RunsLong(5)]
public sealed class DeliveryHostGroup : ICollectionFixture<DeliveryHost>
{
    public const string Name = "delivery host";
}
