namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// Told about every orchestration the router starts, so a host can know when all work caused by
/// an event has settled (the CLI's <c>--once</c>). The default does nothing.
/// </summary>
public interface IFlowObserver
{
    /// <summary>An orchestration instance was scheduled, carrying <paramref name="events"/> events (a batch carries several).</summary>
    void Started(string instanceId, int events);

    /// <summary>Work failed outside any orchestration (e.g. a source's sink refused its event).</summary>
    void Failed(string what, Exception exception);

    /// <summary>An orchestration ran to its end (reported from its last, non-replaying episode).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="failure">Null when it succeeded, else why it failed.</param>
    void Completed(string instanceId, string? failure);
}

/// <summary>The observer that ignores everything.</summary>
public sealed class NullFlowObserver : IFlowObserver
{
    /// <summary>The single instance.</summary>
    public static readonly NullFlowObserver Instance = new();

    /// <inheritdoc />
    public void Started(string instanceId, int events)
    {
    }

    /// <inheritdoc />
    public void Failed(string what, Exception exception)
    {
    }

    /// <inheritdoc />
    public void Completed(string instanceId, string? failure)
    {
    }
}

/// <summary>Tells several observers, in order.</summary>
public sealed class CompositeFlowObserver(params IFlowObserver[] observers) : IFlowObserver
{
    /// <inheritdoc />
    public void Started(string instanceId, int events)
    {
        foreach (IFlowObserver observer in observers)
        {
            observer.Started(instanceId, events);
        }
    }

    /// <inheritdoc />
    public void Failed(string what, Exception exception)
    {
        foreach (IFlowObserver observer in observers)
        {
            observer.Failed(what, exception);
        }
    }

    /// <inheritdoc />
    public void Completed(string instanceId, string? failure)
    {
        foreach (IFlowObserver observer in observers)
        {
            observer.Completed(instanceId, failure);
        }
    }
}
