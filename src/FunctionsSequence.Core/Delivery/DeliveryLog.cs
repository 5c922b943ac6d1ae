using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// The delivery log lines, wherever a delivery runs: each names the hop, the event and why, from a
/// failure's message, which never quotes the event's data (see <c>StepFailedException</c>).
/// </summary>
public static partial class DeliveryLog
{
    /// <summary>An attempt failed and will be retried: for <paramref name="eventId"/> and <paramref name="others"/> more, the reason <paramref name="eventId"/>'s.</summary>
    public static void Retrying(ILogger logger, string what, int attempt, int max, string? eventId, int others, int status, string? error, double seconds) =>
        Retrying(logger, what, attempt, max, eventId, others > 0 ? $" and {others} more" : string.Empty, Status(status), error, seconds);

    /// <summary>A delivery failed for good and nothing could take the event.</summary>
    public static void Failed(ILogger logger, string what, int attempts, int status, string? error, string? eventId) =>
        Failed(logger, what, attempts, LastStatus(status), error, eventId);

    /// <summary>A delivery failed for good and its dead-letter sink refused the event too.</summary>
    public static void DeadLetterSinkFailed(ILogger logger, string what, int attempts, int status, string? error, string? eventId, string? sink, string? why) =>
        DeadLetterSinkFailed(logger, what, attempts, LastStatus(status), error, eventId, sink, why);

    /// <summary>How an attempt ended, as log lines show it: its HTTP status, or "no answer" for a status of 0 (a connection refused or reset).</summary>
    public static string Status(int status) => status > 0 ? $"status {status}" : "no answer";

    /// <summary>How the last attempt ended, for "(last ...: why)".</summary>
    public static string LastStatus(int status) => status > 0 ? Status(status) : $"attempt got {Status(status)}";

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "{What}: attempt {Attempt}/{Max} failed for event {EventId}{Others} ({Status}: {Error}); retrying in {Seconds:0.###} s")]
    private static partial void Retrying(ILogger logger, string what, int attempt, int max, string? eventId, string others, string status, string? error, double seconds);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "{What} failed after {Attempts} attempt(s) (last {Status}: {Error}); no deadLetterSink, the orchestration is left Failed with event {EventId} in its input")]
    private static partial void Failed(ILogger logger, string what, int attempts, string status, string? error, string? eventId);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Error, Message = "{What} failed after {Attempts} attempt(s) (last {Status}: {Error}), and its dead-letter sink {Sink} failed too ({Why}); the orchestration is left Failed with event {EventId} in its input")]
    private static partial void DeadLetterSinkFailed(ILogger logger, string what, int attempts, string status, string? error, string? eventId, string? sink, string? why);
}
