namespace FunctionsSequence.Core.Flows;

/// <summary>An event of a reply to a Service or URI that was not delivered.</summary>
/// <param name="Index">Where the event is in the reply's events.</param>
/// <param name="EventId">Its id, for the run's failure.</param>
/// <param name="Failure">Its last try's failure: a <see cref="ReplyGivenUpException"/> for a refusal Knative does not retry.</param>
internal sealed record ReplyFailure(int Index, string? EventId, Exception Failure);
