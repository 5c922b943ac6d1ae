namespace FunctionsSequence.Core.Display;

/// <summary>
/// A ledger for one process: it catches replays within the process (a worker that reconnects),
/// and forgets the oldest keys beyond <see cref="Capacity"/> so memory stays bounded.
/// </summary>
public sealed class InMemoryDisplayLedger : IDisplayLedger
{
    /// <summary>How many keys are kept.</summary>
    public const int Capacity = 100_000;

    private readonly Lock gate = new();
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <inheritdoc />
    public ValueTask<bool> SeenAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(keys.Contains(key));
        }
    }

    /// <inheritdoc />
    public ValueTask RecordAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (keys.Add(key))
            {
                order.Enqueue(key);
                if (order.Count > Capacity)
                {
                    keys.Remove(order.Dequeue());
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
