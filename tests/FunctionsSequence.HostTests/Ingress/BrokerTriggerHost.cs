using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>The seed's scenario 4 (a Sequence, a Broker, two Triggers, Services) on one host, shared by the ingress tests; the source timer stays quiet.</summary>
public sealed class BrokerTriggerHost : HostFixture
{
    internal override HostSettings CreateSettings() => new(HostSettings.NewTaskHub("ingress"), "samples/4-broker-trigger");
}
