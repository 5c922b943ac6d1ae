using FunctionsSequence.Core.Delivery;

namespace FunctionsSequence.Core.Flows;

/// <summary>An event of a reply to a Service or URI that was not delivered.</summary>
/// <param name="Index">Where the event is in the reply's events.</param>
/// <param name="EventId">Its id, for the run's failure.</param>
/// <param name="Failure">Its last try's failure: a <see cref="ReplyGivenUpException"/> for a refusal Knative does not retry.</param>
internal sealed record ReplyFailure(int Index, string? EventId, Exception Failure)
{
    /// <summary>A reply's failure as a failed attempt, for the hop's dead-letter sink: the destination's answer when it gave one.</summary>
    public static DeliveryResult VerdictOf(Exception failure) => failure switch
    {
        ReplyGivenUpException { InnerException: { } cause } => DeliveryAttempt.FailureOf(cause),
        ReplyGivenUpException refusal => DeliveryResult.Failure(0, retryable: false, refusal.Message),
        _ => DeliveryAttempt.FailureOf(failure),
    };

    /// <summary>Why a reply to a Service or URI was given up, for the run's failure: refused, or not taken after every try.</summary>
    public static string Describe(IReadOnlyList<ReplyFailure> failures, int events, int attempts)
    {
        static string Part(List<ReplyFailure> some, string what) =>
            some.Count == 0 ? "" : $"; {some.Count} {what} (event {some[0].EventId}: {some[0].Failure.Message})";

        List<ReplyFailure> refused = [.. failures.Where(f => f.Failure is ReplyGivenUpException)];
        List<ReplyFailure> untaken = [.. failures.Where(f => f.Failure is not ReplyGivenUpException)];
        return $"{failures.Count} of {events} event(s) not delivered" + Part(refused, "refused") + Part(untaken, $"not taken after {attempts} tries");
    }
}
