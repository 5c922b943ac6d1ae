namespace FunctionsSequence.Core.Api;

/// <summary>One step of a Sequence: where the event goes, and how delivery to it is retried.</summary>
public sealed record SequenceStep(Destination Destination, DeliverySpec? Delivery);
