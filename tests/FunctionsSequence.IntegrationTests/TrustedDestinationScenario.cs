namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Sequences whose one step is <see cref="PrivateCaServer"/>'s HTTPS sink, none retrying: <c>trusting</c> names the
/// server's authority in its destination's CACerts, <c>not-trusting</c> does not, and <c>trusting-misnamed</c> names it
/// for the sink whose certificate is for another name.
/// </summary>
public static class TrustedDestinationScenario
{
    public static string Manifest(PrivateCaServer server) => string.Join("---\n",
        Sequence("trusting", server.BaseAddress, server.CaPem),
        Sequence("trusting-misnamed", server.MisnamedAddress, server.CaPem),
        Sequence("not-trusting", server.BaseAddress, caCerts: null));

    private static string Sequence(string name, Uri sink, string? caCerts) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: {{name}} }
        spec:
          steps:
            - uri: {{new Uri(sink, "/sink")}}
              delivery: { retry: 0 }

        """ + (caCerts is null ? string.Empty : "      CACerts: |\n" + string.Concat(caCerts.Split('\n').Select(line => "        " + line + "\n")));
}
