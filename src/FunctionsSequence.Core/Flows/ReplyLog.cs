using FunctionsSequence.Core.Api;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Flows;

/// <summary>What a flow's reply logs: each event sent, what the last hop's try left, and a failure with what follows it.</summary>
internal static partial class ReplyLog
{
    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "{Replier} reply to {Destination}: event {EventId}")]
    internal static partial void Sending(ILogger logger, string replier, Destination destination, string? eventId);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "{Replier} reply to {Destination} failed for {Count} event(s): {Error}; the reply's activity tries {Attempts} times (not again after a refusal Knative does not retry), then the run is left Failed, its events in its input, or with a dead-letter sink on the hop they go there")]
    internal static partial void Failed(ILogger logger, string replier, Destination destination, int count, string error, int attempts = ReplyRetry.MaxAttempts);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Information, Message = "{Replier} reply of {Count} event(s) not sent by the last hop's activity ({Error}); the reply's own activity tries them again, {Attempts} times at most")]
    internal static partial void Left(ILogger logger, string replier, int count, string error, int attempts = ReplyRetry.MaxAttempts);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "{Replier} reply to {Destination} failed for event {EventId}: {Error}; the reply's activity tries each event {Attempts} times (not again after a refusal Knative does not retry), then the run is left Failed, its events in its input, or with a dead-letter sink on the hop they go there")]
    internal static partial void EventFailed(ILogger logger, string replier, Destination destination, string? eventId, string error, int attempts = ReplyRetry.MaxAttempts);
}
