namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Told about every run this process schedules and every run whose end it sees, so a host knows
/// what is in flight: for back-pressure, for sharing runs under load, and for the CLI's
/// <c>--once</c>, which exits when all work caused by its events has settled.
/// </summary>
public interface IFlowObserver
{
    /// <summary>Run <paramref name="instanceId"/> was scheduled, carrying <paramref name="events"/> events.</summary>
    /// <param name="instanceId">The orchestration instance.</param>
    /// <param name="events">How many events it carries.</param>
    /// <param name="slotOf">The target whose in-flight slot the run holds until it ends, or null.</param>
    void Started(string instanceId, int events, RunTarget? slotOf);

    /// <summary>Work failed outside any orchestration (e.g. a source's sink refused its event).</summary>
    void Failed(string what, Exception exception);

    /// <summary>An orchestration ran to its end (reported from its last, non-replaying episode).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="failure">Null when it succeeded, else why it failed.</param>
    void Completed(string instanceId, string? failure);
}
