namespace FunctionsSequence.Core.Flows;

/// <summary>
/// A flow's reply destination refused its events in a way Knative does not retry (a 4xx other than
/// 404, 408, 409 and 429): <see cref="ReplyRetry"/> does not try the reply again, which would only
/// send the same events again to be refused.
/// </summary>
public sealed class ReplyRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplyRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplyRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public ReplyRefusedException()
        : this("The reply's destination refused the events.")
    {
    }
}
