using FunctionsSequence.Core.Api;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Flows;

/// <summary>What a flow's hop logs: each event sent to it, a chain that ends there, and an answer not read.</summary>
internal static partial class HopLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "{Hop} ({Destination}): event {EventId}")]
    internal static partial void Sending(ILogger logger, Hop hop, Destination destination, string? eventId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "{Hop} returned no event: chain ended for event {EventId}")]
    internal static partial void ChainEnded(ILogger logger, Hop hop, string? eventId);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "{Hop}: event {EventId}: the answer is read as no event, as the flow has no reply to send it to (Knative reads no answer there): {Error}")]
    internal static partial void AnswerNotRead(ILogger logger, Hop hop, string? eventId, string error);
}
