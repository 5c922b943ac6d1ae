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

    /// <summary>Creates the exception with no details.</summary>
    public DeliveryFailedException()
        : this("Delivery failed.")
    {
    }
}
