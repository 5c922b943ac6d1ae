using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// Knative's cluster-local addresses in a <c>uri</c>: a Service's, a Broker ingress's, a Sequence's or Parallel's first
/// channel's; each is the resource the manifests declare, an error where it misspells one, or called as written.
/// </summary>
public sealed partial class ManifestLoaderTests
{
    [Theory]
    [InlineData("http://event-display.default.svc.cluster.local/", "event-display", null)]
    [InlineData("http://EVENT-DISPLAY.default.svc:8080", "event-display", null)]
    [InlineData("http://api.default.svc.cluster.local/extra?x=1", "api", "/extra?x=1")]
    public void A_cluster_local_address_of_a_declared_service_is_that_service(string uri, string service, string? path)
    {
        Destination step = StepOf(StepTo($"uri: \"{uri}\""));

        Assert.Equal((ResourceKind.Service, service, "default", path), (step.Ref!.Kind, step.Ref.Name, step.Ref.Namespace, step.Uri?.OriginalString));
    }

    [Theory]
    [InlineData("http://api.other.svc.cluster.local/", "spec.steps[0].uri", "Service 'api' is not declared in namespace 'other'")]
    public void A_cluster_local_address_of_a_declared_resource_that_cannot_be_used_there_is_an_error_at_the_uri(string uri, string field, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(StepTo($"uri: \"{uri}\"") + Orders));

        Assert.Equal((field, 26), (error.Field, error.Location.Line));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://event-dispaly.default.svc.cluster.local/", "Service 'event-dispaly' does not exist; did you mean 'event-display'?")]
    [InlineData("http://broker-ingress.knative-eventing.svc.cluster.local/default/order", "Broker 'order' does not exist; did you mean 'orders'?")]
    public void A_cluster_local_address_that_misspells_a_declared_name_is_an_error_at_the_uri(string uri, string named)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(StepTo($"uri: \"{uri}\"") + Orders));

        Assert.Equal(("spec.steps[0].uri", 26), (error.Field, error.Location.Line));
        Assert.Equal($"'{uri}' is a cluster-local address, which resolves only inside a Kubernetes cluster, and it names no {named.Split(' ')[0]} of these manifests: {named}", error.Message);
    }

    [Theory]
    [InlineData("http://inventory.default.svc.cluster.local/", "(Service 'inventory')")]
    [InlineData("http://apo.default.svc.cluster.local/", "(Service 'apo'; did you mean 'api'?)")]
    [InlineData("http://broker-ingress.knative-eventing.svc.cluster.local/default/payments", "(Broker 'payments')")]
    public void A_cluster_local_address_that_names_nothing_here_is_called_as_written_with_a_warning(string uri, string named)
    {
        ManifestLoadResult result = Manifests.Load(StepTo($"uri: \"{uri}\"") + Orders);

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.steps[0].uri", 26), (warning.Severity, warning.Field, warning.Location.Line));
        Assert.StartsWith($"'{uri}' is a cluster-local address, which resolves only inside a Kubernetes cluster, and it names no ", warning.Message, StringComparison.Ordinal);
        Assert.Contains(named, warning.Message, StringComparison.Ordinal);
        Assert.Equal((null, new Uri(uri)), (result.EnsureValid().Sequences["s"].Steps[0].Destination.Ref, result.EnsureValid().Sequences["s"].Steps[0].Destination.Uri));
    }

    [Theory]
    [InlineData("http://s-kn-sequence-0-kn-channel.default.svc.cluster.local", ResourceKind.Sequence, "s")]
    [InlineData("http://p-kn-parallel-kn-channel.default.svc.cluster.local/", ResourceKind.Parallel, "p")]
    [InlineData("http://s-kn-sequence-0-kn-channel.default.svc.cluster.local/any/path", ResourceKind.Sequence, "s")]
    public void The_address_knative_gives_a_sequence_or_a_parallel_is_that_flow(string uri, string kind, string name)
    {
        string yaml = StepTo("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }") + $$"""

            ---
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata:
              name: p
            spec:
              branches:
                - subscriber: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: first
            spec:
              steps:
                - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
              reply:
                uri: {{uri}}
            """;

        ManifestLoadResult result = Manifests.Load(yaml);

        Assert.Empty(result.Diagnostics);
        Destination reply = result.EnsureValid().Sequences["first"].Reply!;
        Assert.Equal((kind, name, null), (reply.Ref!.Kind, reply.Ref.Name, reply.Uri));
    }

    [Fact]
    public void The_address_of_a_sequence_s_later_channel_is_not_the_sequence()
    {
        // Channel 1 is the input of step 1: entering there skips step 0, which no ref can say, so it is left a Service's address.
        ManifestLoadResult result = Manifests.Load(StepTo("uri: http://s-kn-sequence-1-kn-channel.default.svc.cluster.local"));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Contains("(Service 's-kn-sequence-1-kn-channel')", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_address_of_knative_s_broker_ingress_is_that_broker_as_a_step_too()
    {
        Destination step = StepOf(StepTo("uri: http://broker-ingress.knative-eventing.svc.cluster.local/default/orders") + Orders);

        Assert.Equal((ResourceKind.Broker, "orders"), (step.Ref!.Kind, step.Ref.Name));
    }

    [Fact]
    public void The_address_of_knative_s_broker_ingress_is_that_broker()
    {
        string yaml = StepTo("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api }") + """

              reply:
                uri: "http://broker-ingress.knative-eventing.svc.cluster.local/default/orders"

            """ + Orders;

        Destination reply = Manifests.Load(yaml).EnsureValid().Sequences["s"].Reply!;

        Assert.Equal((ResourceKind.Broker, "orders", "default", (Uri?)null), (reply.Ref!.Kind, reply.Ref.Name, reply.Ref.Namespace, reply.Uri));
    }

    private const string Orders = """

        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: orders
        """;
}
