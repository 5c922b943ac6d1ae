namespace FunctionsSequence.Core.Api;

/// <summary>A Knative <c>ref</c>: the kind and name of an addressable resource.</summary>
/// <param name="ApiVersion">The group/version the manifest gave, e.g. <c>serving.knative.dev/v1</c>.</param>
/// <param name="Kind">Service, Sequence or Broker.</param>
/// <param name="Name">The resource name.</param>
/// <param name="Namespace">The namespace the manifest gave; null means the referring resource's own, as in Knative.</param>
public sealed record ObjectReference(string ApiVersion, string Kind, string Name, string? Namespace = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";
}
