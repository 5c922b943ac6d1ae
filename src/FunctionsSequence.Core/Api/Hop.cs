namespace FunctionsSequence.Core.Api;

/// <summary>
/// A place in a flow that events are sent to: a Sequence's step, a Parallel branch's filter or
/// subscriber, a Trigger's subscriber. Activity inputs carry this, not the destination, so history
/// stays small and an activity reads the destination, retries and dead-letter sink from the
/// manifests it runs (<see cref="ManifestSet.DestinationOf"/>).
/// </summary>
/// <param name="Kind">The flow's kind: <see cref="ResourceKind.Sequence"/>, <see cref="ResourceKind.Parallel"/> or <see cref="ResourceKind.Trigger"/>.</param>
/// <param name="Name">The flow's name.</param>
/// <param name="Index">The step's or branch's index; 0 for a Trigger.</param>
/// <param name="Role">What the hop is.</param>
public sealed record Hop(string Kind, string Name, int Index, HopRole Role)
{
    /// <summary>Step <paramref name="index"/> of Sequence <paramref name="sequence"/>.</summary>
    public static Hop Step(string sequence, int index) => new(ResourceKind.Sequence, sequence, index, HopRole.Step);

    /// <summary>The filter of branch <paramref name="branch"/> of Parallel <paramref name="parallel"/>.</summary>
    public static Hop Filter(string parallel, int branch) => new(ResourceKind.Parallel, parallel, branch, HopRole.Filter);

    /// <summary>The subscriber of branch <paramref name="branch"/> of Parallel <paramref name="parallel"/>.</summary>
    public static Hop Branch(string parallel, int branch) => new(ResourceKind.Parallel, parallel, branch, HopRole.Subscriber);

    /// <summary>The subscriber of Trigger <paramref name="trigger"/>.</summary>
    public static Hop Subscriber(string trigger) => new(ResourceKind.Trigger, trigger, 0, HopRole.Subscriber);

    /// <summary>Who replies when this is a flow's last hop, as logs name it: <c>Sequence s</c>, <c>Parallel p branch 1</c>.</summary>
    public string Replier => Kind == ResourceKind.Parallel ? ToString() : $"{Kind} {Name}";

    /// <summary>The hop within its flow, as a run's record names it: <c>step 0</c>, <c>branch 1 filter</c>, <c>branch 1</c>, <c>subscriber</c>.</summary>
    public string Label => (Kind, Role) switch
    {
        (ResourceKind.Sequence, _) => $"step {Index}",
        (ResourceKind.Parallel, HopRole.Filter) => $"branch {Index} filter",
        (ResourceKind.Parallel, _) => $"branch {Index}",
        _ => "subscriber",
    };

    /// <summary>As logs and failures name it: <c>Sequence s step 0</c>, <c>Parallel p branch 1 filter</c>, <c>Parallel p branch 1</c>, <c>Trigger t</c>.</summary>
    public override string ToString() => Kind == ResourceKind.Trigger ? $"{Kind} {Name}" : $"{Kind} {Name} {Label}";
}
