using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Infra;

/// <summary>
/// The Brokers and Triggers of the manifests as Event Grid topics and subscriptions: what
/// <c>fseq export-infra</c> writes and <c>infra/main.bicep</c> loads, so the manifests stay the
/// one source of truth.
/// </summary>
public sealed record EventGridTopology(
    [property: JsonPropertyName("$comment")] string Comment,
    IReadOnlyList<EventGridTopic> Brokers,
    IReadOnlyList<EventGridSubscription> Triggers);
