using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Api;

/// <summary>
/// A Knative destination (duckv1.Destination): a <see cref="Ref"/> to a resource in the manifests,
/// or a <see cref="Uri"/> reached over HTTP. Used for steps, replies, sinks, subscribers and dead-letter sinks.
/// </summary>
public sealed record Destination(ObjectReference? Ref, Uri? Uri)
{
    /// <summary>
    /// Certificate authorities (PEM) whose certificates the destination's HTTPS address may present, trusted beside the
    /// system's (Knative's <c>CACerts</c>); null for the system's alone.
    /// </summary>
    public string? CACerts { get; init; }

    /// <summary>
    /// The namespace of the resource whose spec writes this destination (the Trigger, Broker, flow or source that sends to it),
    /// which Knative names in each delivery's <c>Kn-Namespace</c> header; null for one made at run time.
    /// </summary>
    public string? SenderNamespace { get; init; }

    /// <summary>Creates a destination that points at a resource.</summary>
    public static Destination To(string kind, string name, string apiVersion = "")
        => new(new ObjectReference(apiVersion, kind, name), null);

    /// <summary>Creates a destination reached over HTTP.</summary>
    public static Destination ToUri(Uri uri) => new(null, uri);

    /// <summary>
    /// The destination as every log line, run record, graph and dead-letter event shows it: a ref as
    /// <c>Kind/name</c>, a URI through <see cref="ShownUri.Of(Uri)"/>, as its query or user info may carry a key.
    /// A ref with a relative URI (resolved against the ref's address) shows both.
    /// </summary>
    public override string ToString() => (Ref, Uri) switch
    {
        ({ } reference, { } path) => $"{reference} at {ShownUri.Of(path)}",
        ({ } reference, null) => reference.ToString(),
        (null, { } uri) => ShownUri.Of(uri),
        _ => "(none)",
    };
}
