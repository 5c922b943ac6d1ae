using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Core.Tests;

/// <summary>event-display's output kept in memory; activities print from several tasks at once.</summary>
internal sealed class PrintedBlocks : IEventDisplaySink
{
    private readonly List<string> blocks = [];

    public IReadOnlyList<string> Blocks
    {
        get
        {
            lock (blocks)
            {
                return [.. blocks];
            }
        }
    }

    public void Write(string block)
    {
        lock (blocks)
        {
            blocks.Add(block);
        }
    }
}
