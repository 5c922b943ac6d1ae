using FunctionsSequence.Core.Display;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>event-display in Azure: each block goes to the log (the console under func start, Application Insights in Azure).</summary>
internal sealed partial class LoggerDisplaySink(ILogger<LoggerDisplaySink> logger) : IEventDisplaySink
{
    public void Write(string block) => LogEvent(logger, block);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "{EventDisplay}")]
    private static partial void LogEvent(ILogger logger, string eventDisplay);
}
