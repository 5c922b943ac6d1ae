namespace FunctionsSequence.Core.Display;

/// <summary>Where event-display writes its blocks: stdout for the CLI, the log for Azure Functions.</summary>
public interface IEventDisplaySink
{
    /// <summary>Writes one formatted block (already in event_display's format).</summary>
    void Write(string block);
}
