using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Recovery;

/// <summary>
/// The tests that keep both cores busy for minutes (hundreds of events through two hosts, two hundred
/// through a host killed and started again): one collection, so they run one after the other and
/// never beside each other, while the other lanes run tests that mostly wait.
/// </summary>
[CollectionDefinition(Name)]
[RunsLong(5)]
public sealed class LoadedHostsGroup
{
    public const string Name = "hosts under load";
}
