namespace FunctionsSequence.Core.Topology;

/// <summary>What a box in the topology stands for; it decides the box's column and colour.</summary>
public enum TopologyNodeKind
{
    /// <summary>A PingSource or CronJobSource.</summary>
    Source,

    /// <summary>A Broker, declared or implied.</summary>
    Broker,

    /// <summary>A Trigger, with its filter.</summary>
    Trigger,

    /// <summary>A Sequence, with its steps in order.</summary>
    Sequence,

    /// <summary>A Parallel, with its branches in order, each as its filter and subscriber.</summary>
    Parallel,

    /// <summary>A Service that events are delivered to other than as a step or a branch's filter or subscriber, or that nothing refers to.</summary>
    Service,

    /// <summary>A destination outside the manifests: a URI, or a ref to a kind fseq does not run.</summary>
    Endpoint,
}
