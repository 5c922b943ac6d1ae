namespace FunctionsSequence.Core.Delivery;

/// <summary>Input of the dead-letter activity: the failed hop's input event and why it failed.</summary>
/// <param name="Event">The event the failed destination was given (structured JSON).</param>
/// <param name="FailedDestination">Where it failed, for <c>knativeerrordest</c>.</param>
/// <param name="Sequence">The Sequence whose step failed, or null.</param>
/// <param name="Step">The failed step's index, when a Sequence's.</param>
/// <param name="Trigger">The Trigger whose subscriber failed, or null.</param>
/// <param name="Failure">The last attempt's result.</param>
/// <param name="Attempts">How many attempts were made.</param>
public sealed record DeadLetterInput(string Event, string FailedDestination, string? Sequence, int? Step, string? Trigger, DeliveryResult Failure, int Attempts);
