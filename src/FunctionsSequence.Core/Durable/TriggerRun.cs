namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Input of <see cref="TaskNames.TriggerOrchestrator"/> and <see cref="TaskNames.DeliverToSubscriber"/>:
/// one or more events for the same Trigger's subscriber, each without its hop counter, which
/// <see cref="RunEvent.BrokerTtl"/> carries.
/// </summary>
/// <param name="Trigger">The Trigger name.</param>
/// <param name="Events">The events (at least one).</param>
public sealed record TriggerRun(string Trigger, IReadOnlyList<RunEvent> Events);
