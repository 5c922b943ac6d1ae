namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Sequences whose one step is <see cref="PrivateCaServer"/>'s HTTPS sink: <c>trusting</c> names the server's
/// authority in its destination's CACerts, <c>not-trusting</c> does not, and <c>trusting-misnamed</c> names it for
/// the sink whose certificate is for another name (neither retries).
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
        {{Indented(server.CaPem)}}
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: trusting-misnamed }
        spec:
          steps:
            - uri: {{new Uri(server.MisnamedAddress, "/sink")}}
              delivery: { retry: 0 }
              CACerts: |
        {{Indented(server.CaPem)}}
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: not-trusting }
        spec:
          steps:
            - uri: {{new Uri(server.BaseAddress, "/sink")}}
              delivery: { retry: 0 }
        """;

    private static string Indented(string pem) => string.Join('\n', pem.Split('\n').Select(line => "          " + line));
}
