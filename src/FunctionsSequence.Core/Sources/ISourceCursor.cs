namespace FunctionsSequence.Core.Sources;

/// <summary>
/// Where a clock left off firing each source, kept across restarts: by the source's CloudEvents <c>source</c>
/// (<see cref="Api.PingSourceResource.EventSource"/>), the end of the last window fired for it.
/// </summary>
public interface ISourceCursor
{
    /// <summary>The end of the last window fired for each of <paramref name="sources"/> that has one; a source new to the cursor has none.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetAsync(IReadOnlyCollection<string> sources, CancellationToken cancellationToken);

    /// <summary>
    /// Records the end fired up to for every source there is: a source left out of <paramref name="ends"/> is forgotten, so
    /// one removed and declared again later starts afresh rather than from where it once was.
    /// </summary>
    Task SetAsync(IReadOnlyDictionary<string, DateTimeOffset> ends, CancellationToken cancellationToken);
}
