namespace FunctionsSequence.Core.Topology;

/// <summary>Why events go along an edge.</summary>
public enum TopologyEdgeKind
{
    /// <summary>A source's sink.</summary>
    Sink,

    /// <summary>A Broker to one of its Triggers.</summary>
    Trigger,

    /// <summary>A Trigger's subscriber.</summary>
    Subscriber,

    /// <summary>A Sequence's reply.</summary>
    Reply,

    /// <summary>Where an event goes when delivery gives up (<c>delivery.deadLetterSink</c>).</summary>
    DeadLetter,
}
