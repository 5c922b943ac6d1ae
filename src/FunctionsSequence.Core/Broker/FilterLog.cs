using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>What a Trigger's filter logs of an event it could not decide.</summary>
internal static partial class FilterLog
{
    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning,
        Message = "Trigger {Trigger}: event {EventId} ({Type}) is not delivered: a cesql expression of its filter has a value that is not a Boolean, which stops the filter "
            + "(Knative's channel-based broker fails the delivery, retries it and then dead-letters it); make the expression a condition")]
    public static partial void Aborted(ILogger logger, string trigger, string? eventId, string? type);
}
