namespace FunctionsSequence.Core.Api;

/// <summary>Knative's <c>delivery.format</c>: the HTTP content mode of the requests a delivery governs.</summary>
public enum DeliveryFormat
{
    /// <summary><c>binary</c>: attributes in <c>ce-*</c> headers, the data as the body (also what is sent when no format is set).</summary>
    Binary,

    /// <summary><c>json</c>: structured mode, the whole event as JSON, <c>Content-Type: application/cloudevents+json</c>.</summary>
    Json,
}
