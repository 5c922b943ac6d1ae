using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Durable;

/// <summary>An event on its way into a run of a target, with its event-derived id there.</summary>
/// <param name="Id">The event's id in the target (<see cref="InstanceIds.For"/>): its run's id when it is admitted alone.</param>
/// <param name="Event">What the run carries for it.</param>
public readonly record struct RunMember(string Id, RunEvent Event)
{
    /// <summary><paramref name="cloudEvent"/> entering <paramref name="target"/>, carried as <paramref name="carried"/>, handed over by the pipeline's hop <paramref name="via"/> (null from outside).</summary>
    public static RunMember Of(RunTarget target, CloudEvent cloudEvent, RunEvent carried, string? via = null)
    {
        ArgumentNullException.ThrowIfNull(carried);
        return new RunMember(InstanceIds.For(target, cloudEvent, carried.BrokerTtl, via), carried);
    }
}
