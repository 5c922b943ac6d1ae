namespace FunctionsSequence.Core.Steps;

/// <summary>
/// A step or delivery failed. <see cref="StatusCode"/> is the HTTP status (or the one that stands
/// for the failure, e.g. 400 for a payload the step cannot parse); <see cref="Retryable"/> follows
/// Knative's rules (5xx, 404, 408, 409, 429 and transport errors are worth retrying). The message
/// goes into logs and run records, so it says why without quoting the event's data, which may be
/// personal or secret; whatever quotes it goes in <see cref="ResponseBody"/> (an in-app step's words) or
/// <see cref="ResponseBytes"/> (an HTTP answer's body), for the dead-letter sink.
/// </summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepFailedException(string message, int statusCode, string? responseBody = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
    }

    /// <summary>Creates an exception for a transport error (retryable).</summary>
    public StepFailedException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates an exception for a transport error (retryable).</summary>
    public StepFailedException(string message, Exception innerException)
        : this(message, 0, null, innerException)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public StepFailedException()
        : this("The step failed.")
    {
    }

    /// <summary>The HTTP status of the failure; 0 for a transport error or timeout.</summary>
    public int StatusCode { get; }

    /// <summary>What an in-app step would answer with, quoting its input (for <c>knativeerrordata</c>, never logged); an HTTP answer's body is <see cref="ResponseBytes"/>.</summary>
    public string? ResponseBody { get; }

    /// <summary>
    /// <c>knativeerrordata</c> holds at most this many bytes of the response body: 1024 characters of base64, where Knative's
    /// dispatcher means to cut the encoded text (KnativeErrorDataExtensionMaxLength).
    /// </summary>
    public const int MaxResponseBytes = 768;

    /// <summary>
    /// The first bytes of an HTTP answer's body as they came (at most <see cref="MaxResponseBytes"/>), for
    /// <c>knativeerrordata</c>, which Knative fills with the body's bytes in base64 whatever they encode; null when no
    /// answer came or the failure is the app's own, whose words are <see cref="ResponseBody"/>.
    /// </summary>
    public byte[]? ResponseBytes { get; init; }

    /// <summary>How long the destination asked to be left alone (its <c>Retry-After</c> header, as a delay from when it answered), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when Knative would retry this failure: by <see cref="IsRetryable"/> unless set (see <see cref="InvalidAnswer"/>).</summary>
    public bool Retryable
    {
        get => retryable ?? IsRetryable(StatusCode);
        init => retryable = value;
    }

    private readonly bool? retryable;

    /// <summary>
    /// A 2xx answer that claims to be a CloudEvent and is not (or, from a Broker subscriber, a body that is no event): a 502,
    /// retried only where Knative's answer to it is a 502 too, a Broker subscriber's (<see cref="AnswerUse"/>).
    /// </summary>
    public static StepFailedException InvalidAnswer(string message, AnswerUse answer, byte[]? responseBytes = null) =>
        new(message, 502) { Retryable = answer == AnswerUse.Subscriber, ResponseBytes = responseBytes, IsInvalidAnswer = true };

    /// <summary>True for a 2xx answer that could not be read as an event (<see cref="InvalidAnswer"/>), rather than a failed call.</summary>
    public bool IsInvalidAnswer { get; private init; }

    /// <summary>Knative's retry rule: 5xx, 404, 408, 409, 429 and transport errors (0).</summary>
    public static bool IsRetryable(int statusCode) =>
        statusCode is 0 or >= 500 or 404 or 408 or 409 or 429;
}
