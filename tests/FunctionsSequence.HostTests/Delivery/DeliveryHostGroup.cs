namespace FunctionsSequence.HostTests.Delivery;

/// <summary>The classes that share <see cref="DeliveryHost"/> (one host start instead of one per class; they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class DeliveryHostGroup : ICollectionFixture<DeliveryHost>
{
    public const string Name = "delivery host";
}
