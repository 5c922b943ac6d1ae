namespace FunctionsSequence.Core.Sources;

/// <summary>A cursor for one process with no storage: a restart starts from the timer's previous wake.</summary>
public sealed class InMemorySourceCursor : ISourceCursor
{
    private DateTimeOffset? end;

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(end);

    /// <inheritdoc />
    public Task SetAsync(DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        end = windowEnd;
        return Task.CompletedTask;
    }
}
