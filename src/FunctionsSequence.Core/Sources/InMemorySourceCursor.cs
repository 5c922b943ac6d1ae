namespace FunctionsSequence.Core.Sources;

/// <summary>A cursor for one process with no storage: a restart starts afresh.</summary>
public sealed class InMemorySourceCursor : ISourceCursor
{
    private IReadOnlyDictionary<string, DateTimeOffset> ends = new Dictionary<string, DateTimeOffset>();

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetAsync(IReadOnlyCollection<string> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        IReadOnlyDictionary<string, DateTimeOffset> kept = ends;
        return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(
            sources.Where(kept.ContainsKey).Distinct().ToDictionary(source => source, source => kept[source]));
    }

    /// <inheritdoc />
    public Task SetAsync(IReadOnlyDictionary<string, DateTimeOffset> ends, CancellationToken cancellationToken)
    {
        this.ends = new Dictionary<string, DateTimeOffset>(ends);
        return Task.CompletedTask;
    }
}
