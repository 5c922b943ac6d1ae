namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Ends an orchestration whose delivery failed for good with no dead-letter sink: the
/// orchestration is left Failed, with the event in its input, so the failure stays inspectable.
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

    /// <summary>
    /// For a batch run: <paramref name="failures"/> (one line per event) of <paramref name="total"/>
    /// events <paramref name="ofWhat"/> failed for good, the others were delivered.
    /// </summary>
    public static DeliveryFailedException ForBatch(string ofWhat, int total, IReadOnlyCollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return new DeliveryFailedException(
            $"{failures.Count} of {total} event(s) {ofWhat} failed with no deadLetterSink set; " +
            $"they are kept in this orchestration's input, the others were delivered. {string.Join("; ", failures)}");
    }

    /// <summary>Creates the exception with no details.</summary>
    public DeliveryFailedException()
        : this("Delivery failed.")
    {
    }
}
