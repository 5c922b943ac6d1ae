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

    /// <summary>A Sequence's reply, or a Parallel's (a branch's own reply, else the Parallel's).</summary>
    Reply,

    /// <summary>Where an event goes when delivery gives up (<c>delivery.deadLetterSink</c>).</summary>
    DeadLetter,

    /// <summary>A Sequence's step or a Parallel branch's subscriber that is a Sequence or Parallel: its line names it, the arrow reaches its box.</summary>
    Step,
}
