namespace FunctionsSequence.Core.Api;

/// <summary>
/// A Knative destination (duckv1.Destination): a <see cref="Ref"/> to a resource in the manifests,
/// or a <see cref="Uri"/> reached over HTTP. Used for steps, replies, sinks, subscribers and dead-letter sinks.
/// </summary>
public sealed record Destination(ObjectReference? Ref, Uri? Uri)
{
    /// <summary>Creates a destination that points at a resource.</summary>
    public static Destination To(string kind, string name, string apiVersion = "")
        => new(new ObjectReference(apiVersion, kind, name), null);

    /// <summary>Creates a destination reached over HTTP.</summary>
    public static Destination ToUri(Uri uri) => new(null, uri);

    /// <inheritdoc />
    public override string ToString() => Ref?.ToString() ?? Uri?.ToString() ?? "(none)";
}
