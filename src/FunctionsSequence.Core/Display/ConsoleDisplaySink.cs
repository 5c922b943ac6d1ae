namespace FunctionsSequence.Core.Display;

/// <summary>Writes display blocks to standard output, one whole block at a time.</summary>
public sealed class ConsoleDisplaySink : IEventDisplaySink
{
    private readonly Lock gate = new();

    /// <inheritdoc />
    public void Write(string block)
    {
        lock (gate)
        {
            Console.Out.Write(block);
            Console.Out.Flush();
        }
    }
}
