namespace FunctionsSequence.Core.Ingress;

/// <summary>The kinds of addressable things, each a CloudEvents endpoint under <c>/api/{kind}s/{name}</c>.</summary>
public enum IngressTarget
{
    /// <summary><c>/api/sequences/{name}</c>: starts a Sequence run per event.</summary>
    Sequence,

    /// <summary><c>/api/parallels/{name}</c>: starts a Parallel run per event.</summary>
    Parallel,

    /// <summary><c>/api/brokers/{name}</c>: publishes into a Broker (answers 200, like Event Grid).</summary>
    Broker,

    /// <summary><c>/api/services/{name}</c>: invokes a Service; its reply event, if any, is the response.</summary>
    Service,
}
