using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.Cli.Inspection;

/// <summary>Where <c>fseq runs</c> and <c>fseq event</c> read runs: a running fseq or Functions app over HTTP, or a task hub in storage.</summary>
internal interface IRunSource : IAsyncDisposable
{
    /// <summary>The runs <paramref name="filter"/> selects, newest first.</summary>
    Task<IReadOnlyList<RunSummary>> ListAsync(RunFilter filter, CancellationToken cancellationToken);

    /// <summary>The runs that carried event <paramref name="eventId"/>, oldest first (none when no run did).</summary>
    Task<EventReport> FindEventAsync(string eventId, CancellationToken cancellationToken);
}
