namespace FunctionsSequence.Core.Flows;

/// <summary>
/// A flow's reply that is not to be tried again: its destination refused it in a way Knative does
/// not retry (a 4xx other than 404, 408, 409 and 429), which a new try would only see refused again,
/// or a Service or URI did not take some of its events, each already tried on its own as often as
/// <see cref="ReplyRetry"/> tries a reply.
/// </summary>
public sealed class ReplyGivenUpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplyGivenUpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplyGivenUpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public ReplyGivenUpException()
        : this("The reply's destination did not take the events.")
    {
    }
}
