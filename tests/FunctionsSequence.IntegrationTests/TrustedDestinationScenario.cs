namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Two Sequences whose one step is <see cref="PrivateCaServer"/>'s HTTPS sink: <c>trusting</c> names the server's
/// authority in its destination's CACerts, <c>not-trusting</c> does not (and does not retry).
/// </summary>
public static class TrustedDestinationScenario
{
    public static string Manifest(PrivateCaServer server) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: trusting }
        spec:
          steps:
            - uri: {{new Uri(server.BaseAddress, "/sink")}}
              CACerts: |
        {{string.Join('\n', server.CaPem.Split('\n').Select(line => "          " + line))}}
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: not-trusting }
        spec:
          steps:
            - uri: {{new Uri(server.BaseAddress, "/sink")}}
              delivery: { retry: 0 }
        """;
}
