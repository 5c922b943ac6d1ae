namespace FunctionsSequence.Core.Sources;

/// <summary>Where a periodic timer left off firing sources: the end of the last window it fired, kept across restarts.</summary>
public interface ISourceCursor
{
    /// <summary>The end of the last window fired, or null when none was.</summary>
    Task<DateTimeOffset?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Records that every tick up to <paramref name="windowEnd"/> was fired.</summary>
    Task SetAsync(DateTimeOffset windowEnd, CancellationToken cancellationToken);
}
