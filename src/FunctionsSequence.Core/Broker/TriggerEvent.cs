using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Filtering;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// A Broker's event as a Trigger takes it: <paramref name="Seen"/> is what its filter and its subscriber see, the
/// event without its hop counter (Knative's filter handler deletes <c>knativebrokerttl</c> before either), and
/// <paramref name="Counter"/> the counter it carried (<see cref="BrokerTtl.Default"/> when none), kept beside it.
/// </summary>
public readonly record struct TriggerEvent(CloudEvent Seen, int Counter)
{
    /// <summary><paramref name="routed"/> (its counter set) as Triggers take it; a copy, <paramref name="routed"/> is left as it is.</summary>
    public static TriggerEvent Of(CloudEvent routed) =>
        new(CloudEventFactory.Without(routed, BrokerTtl.Extension), BrokerTtl.Get(routed) ?? BrokerTtl.Default);

    /// <summary>
    /// True when <paramref name="trigger"/>'s filter lets the event through, as it sees it. With <paramref name="logger"/>, an
    /// event whose filtering stopped (<see cref="FilterResult.Aborted"/>: a <c>cesql</c> value not a Boolean) is logged at
    /// Warning, as it is dropped where Knative's broker fails its delivery.
    /// </summary>
    public bool Passes(TriggerResource trigger, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        FilterResult result = trigger.Filter.Evaluate(Seen);
        if (result == FilterResult.Aborted && logger is not null)
        {
            FilterLog.Aborted(logger, trigger.Name, Seen.Id, Seen.Type);
        }

        return result.Passes();
    }

    /// <summary>What the Trigger's delivery carries: the event as its subscriber sees it, the counter beside it.</summary>
    public RunEvent Carried() => new(CloudEventJson.Encode(Seen), Counter);
}
