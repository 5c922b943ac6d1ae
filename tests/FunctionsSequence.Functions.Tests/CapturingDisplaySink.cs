using System.Collections.Concurrent;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Functions.Tests;

internal sealed class CapturingDisplaySink : IEventDisplaySink
{
    private readonly ConcurrentQueue<string> blocks = new();

    public IReadOnlyCollection<string> Blocks => blocks;

    public void Write(string block) => blocks.Enqueue(block);

    public async Task<string> WaitForAsync(string text, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (blocks.FirstOrDefault(b => b.Contains(text, StringComparison.Ordinal)) is { } block)
            {
                return block;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no display block with '{text}'; have:\n{string.Join("\n", blocks)}");
    }
}
