using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Recovery;

/// <summary>The seed's scenario 2 (a Sequence that replies to event-display) on a host of its own, which its tests may restart.</summary>
public sealed class ReplyDisplayHost : HostFixture
{
    internal override HostSettings CreateSettings() => new(HostSettings.NewTaskHub("repeat"), "samples/2-reply-display");
}
