namespace FunctionsSequence.Core.Api;

/// <summary>A Knative <c>ref</c>: the kind and name of an addressable resource.</summary>
/// <param name="ApiVersion">The group/version the manifest gave, e.g. <c>serving.knative.dev/v1</c>.</param>
/// <param name="Kind">Service, Sequence or Broker.</param>
/// <param name="Name">The resource name.</param>
public sealed record ObjectReference(string ApiVersion, string Kind, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";
}
