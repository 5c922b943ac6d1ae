namespace FunctionsSequence.IntegrationTests;

/// <summary>The seed's event-display Service, the sink most test manifests reply to, written once for fseq's and the host's tests.</summary>
internal static class EventDisplayService
{
    /// <summary>Its manifest, one document.</summary>
    public const string Manifest = """
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: event-display
        spec:
          template:
            spec:
              containers:
                - image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
        """;

    /// <summary>The given manifests and event-display's, as one multi-document file.</summary>
    public static string With(string manifests) => $"{manifests.TrimEnd()}\n---\n{Manifest}\n";
}
