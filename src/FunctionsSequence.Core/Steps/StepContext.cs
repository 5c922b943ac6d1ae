using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Steps;

/// <summary>What a step knows about where it runs: its Service's name and the container env the manifest gave.</summary>
public sealed record StepContext(string ServiceName, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The hop that delivers this event (<c>Trigger t</c>, <c>Sequence s step 0</c>), null when unknown: the same event from two hops is two deliveries.</summary>
    public string? Via { get; init; }

    /// <summary>How an HTTP step writes the event (the hop's <c>delivery.format</c>): structured for Json, else binary. In-app steps take the event as it is.</summary>
    public DeliveryFormat? Format { get; init; }

    /// <summary>The path the destination adds to the Service's address (<c>/0</c>; no query or fragment), for an in-app step that <see cref="ISequenceStep.TakesPath"/>; else null.</summary>
    public string? Path { get; init; }

    /// <summary>The namespace of the resource that delivers the event (<see cref="Destination.SenderNamespace"/>), which an HTTP step sends as <c>Kn-Namespace</c>, as Knative does; null when none.</summary>
    public string? SenderNamespace { get; init; }

    /// <summary>How the caller reads the answer (<see cref="AnswerUse"/>): a step's or a branch's by default.</summary>
    public AnswerUse Answer { get; init; }
}
