using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// What an HTTP message came to when read for CloudEvents: its events, or the sentences that say
/// why they were refused, or neither when the message does not claim to be a CloudEvent (see
/// <see cref="CloudEventMessageReader"/> for what claims one), which each reader answers in its own way.
/// </summary>
public sealed record CloudEventRead
{
    /// <summary>A message that does not claim to carry a CloudEvent.</summary>
    public static readonly CloudEventRead NotACloudEvent = new(null, null);

    private CloudEventRead(IReadOnlyList<CloudEvent>? events, string? problem) => (Events, Problem) = (events, problem);

    /// <summary>The events, valid; null when refused or not a CloudEvent.</summary>
    public IReadOnlyList<CloudEvent>? Events { get; }

    /// <summary>What is wrong and where, in sentences; null unless refused.</summary>
    public string? Problem { get; }

    /// <summary>The message's events.</summary>
    public static CloudEventRead Of(IReadOnlyList<CloudEvent> events) => new(events ?? throw new ArgumentNullException(nameof(events)), null);

    /// <summary>A message that claims to carry CloudEvents and is refused for <paramref name="problem"/>.</summary>
    public static CloudEventRead Refused(string problem) => new(null, problem ?? throw new ArgumentNullException(nameof(problem)));
}
