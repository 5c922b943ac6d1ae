using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Delivery;

/// <summary>The delivery log lines, wherever a delivery runs.</summary>
public static partial class DeliveryLog
{
    /// <summary>An attempt failed and will be retried.</summary>
    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "{What}: attempt {Attempt}/{Max} failed ({Status}: {Error}); retrying in {Seconds:0.###} s")]
    public static partial void Retrying(ILogger logger, string what, int attempt, int max, int status, string? error, double seconds);

    /// <summary>A delivery failed for good and nothing could take the event.</summary>
    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "{What} failed after {Attempts} attempt(s) (last status {Status}: {Error}); no deadLetterSink, the orchestration is left Failed with event {EventId} in its input")]
    public static partial void Failed(ILogger logger, string what, int attempts, int status, string? error, string? eventId);
}
