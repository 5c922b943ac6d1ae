namespace FunctionsSequence.Core.Api;

/// <summary>
/// A Knative Service, reduced to what it runs: the built-in appender or display, an in-app step, or an HTTP URL.
/// </summary>
public sealed record ServiceResource(
    ResourceMetadata Metadata,
    ServiceRuntime Runtime,
    string? Image,
    IReadOnlyDictionary<string, string> Environment,
    string? StepName,
    Uri? Url)
{
    /// <summary>The Service name.</summary>
    public string Name => Metadata.Name;

    /// <summary>True for a Kubernetes <c>v1</c> Service over a Deployment, which a ref names as <c>apiVersion: v1</c>; false for a Knative Service.</summary>
    public bool Kubernetes { get; init; }

    /// <summary>True when the Service runs an in-app step that reads the path a destination adds to its address.</summary>
    public bool StepTakesPath { get; init; }

    /// <summary>Annotation that binds a Service to a step written in C# in the app.</summary>
    public const string StepAnnotation = "functionssequence.dev/step";

    /// <summary>Annotation that says where a Service that is not built in is served.</summary>
    public const string UrlAnnotation = "functionssequence.dev/url";
}
