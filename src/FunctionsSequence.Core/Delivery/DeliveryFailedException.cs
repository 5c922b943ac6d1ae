using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Ends a run in which an event failed for good with no dead-letter sink, once the others are
/// delivered: the orchestration is left Failed, with the event in its input, so the failure stays
/// inspectable.
/// </summary>
public sealed class DeliveryFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeliveryFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public DeliveryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no details.</summary>
    public DeliveryFailedException()
        : this("Delivery failed.")
    {
    }

    /// <summary>Throws when <paramref name="outcome"/> records failures: for a lone event its failure, for a shared run one line per failed event.</summary>
    /// <param name="outcome">How the run ended.</param>
    /// <param name="ofWhat">What failed, e.g. <c>of Sequence s</c>.</param>
    /// <param name="counted">What the run's count counts: its events, or a Parallel's deliveries of each event down each branch.</param>
    public static RunOutcome ThrowIfFailed(RunOutcome outcome, string ofWhat, string counted = "event(s)")
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Failures.Count switch
        {
            0 => outcome,
            _ when outcome.Events == 1 => throw new DeliveryFailedException(outcome.Failures[0]),
            // Each failure says whether no deadLetterSink was set or the sink failed too.
            _ => throw new DeliveryFailedException(
                $"{outcome.Failures.Count} of {outcome.Events} {counted} {ofWhat} failed for good, neither delivered nor dead-lettered; " +
                $"they are kept in this orchestration's input, the others were delivered, dead-lettered or ended early. {string.Join("; ", outcome.Failures)}"),
        };
    }
}
