using System.Globalization;
using System.Net;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// Destinations as Knative writes them beyond a plain ref or URL: a ref with a relative uri, a ref to a namespace, a
/// Service's cluster-local address; each either runs as in Knative or is refused where it is written, saying why.
/// </summary>
public sealed partial class ManifestLoaderTests
{
    /// <summary>The HTTP Service <c>api</c>, in <paramref name="ns"/> or, without one, wherever it is applied.</summary>
    private static string Api(string? ns) => $"""
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: api
          {(ns is null ? "labels: {}" : $"namespace: {ns}")}
          annotations:
            functionssequence.dev/url: https://api.local/v1/
        ---

        """;

    /// <summary>
    /// A Sequence (in <paramref name="ns"/>, or none) whose one step is <paramref name="step"/>, written at line 26, with the
    /// Service <c>api</c> (in <paramref name="apiNamespace"/>).
    /// </summary>
    private static string StepTo(string step, string? ns = "default", string? apiNamespace = "default") => Manifests.Display + Api(apiNamespace) + $"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: s
          {(ns is null ? "labels: {}" : $"namespace: {ns}")}
        spec:
          steps:
            - {step}
        """;

    private static Destination StepOf(string yaml) => Manifests.Load(yaml).EnsureValid().Sequences["s"].Steps[0].Destination;

    [Theory]
    [InlineData("/extra/path?x=1", "https://api.local/extra/path?x=1")]
    [InlineData("extra/path", "https://api.local/v1/extra/path")]
    public async Task A_ref_with_a_relative_uri_calls_the_path_resolved_against_the_services_url(string uri, string called)
    {
        Destination step = StepOf(StepTo($"{{ ref: {{ apiVersion: serving.knative.dev/v1, kind: Service, name: api }}, uri: \"{uri}\" }}"));

        Assert.Equal(("Service/api", uri), (step.Ref!.ToString(), step.Uri!.OriginalString));
        Assert.Equal($"Service/api at {uri.Split('?')[0]}", step.ToString());
        Assert.Equal(called, (await CalledFor(step)).ToString());
    }

    [Theory]
    [InlineData("- ", "needs a ref (apiVersion, kind, name) or a uri")]
    [InlineData("- {}", "needs a ref (apiVersion, kind, name) or a uri")]
    [InlineData("- first", "expected a mapping (key: value lines), found")]
    public void A_step_that_names_nothing_is_one_error_saying_what_it_needs(string step, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load($$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: s
            spec:
              steps:
                {{step}}
            """));

        Assert.Equal("spec.steps[0]", error.Field);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_with_a_relative_uri_to_what_has_no_address_here_is_refused_at_the_uri()
    {
        // The Sequence is its own step, so its ring is an error too (FlowCycles).
        ManifestDiagnostic error = Assert.Single(
            Manifests.Load(StepTo("{ ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: s }, uri: /extra/path }")).Diagnostics,
            d => d.Field == "spec.steps[0].uri");

        Assert.Equal(("spec.steps[0].uri", 26), (error.Field, error.Location.Line));
        Assert.StartsWith("'/extra/path' is a path resolved against the ref's address, and a Sequence runs in the app", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api }, uri: \"https://x.local/a?code=KEY\" }", "'https://x.local/a' is absolute: beside a ref")]
    [InlineData("{ uri: /extra/path }", "'/extra/path' is a relative URI, which is resolved against a ref's address")]
    [InlineData("{ uri: \"mailto:someone@x.local?code=KEY\" }", "'mailto:someone@x.local' is not an absolute http(s) URL")]
    public void A_uri_that_knative_refuses_is_refused_saying_why_without_its_query(string step, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(StepTo(step)));

        Assert.Equal(("spec.steps[0].uri", 26), (error.Field, error.Location.Line));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory] // trigger/trigger_sink_resolution.go, broker/source_to_sink.go: a subscriber "bad://uri" fails its deliveries to the dead-letter sink
    [InlineData("bad://uri", "http://uri/")]
    [InlineData("ftp://user:pw@x.local:2121/a?code=KEY", "http://x.local:2121/")]
    [InlineData("wss://x.local:443/a", "http://x.local:443/")]
    [InlineData("news://x.local:119", "http://x.local:119/")]
    [InlineData("bad://[::1]:9000/p", "http://[::1]:9000/")]
    public void A_uri_of_another_scheme_with_a_host_goes_to_its_host_over_http_as_knatives_dispatcher_sends_it(string written, string sent)
    {
        ManifestLoadResult result = Manifests.Load(StepTo($"{{ uri: \"{written}\" }}"));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.steps[0].uri", 26), (warning.Severity, warning.Field, warning.Location.Line));
        Assert.EndsWith($"is not an http(s) URL: events go to {sent}, its host over http, as Knative's dispatcher sends them", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY", warning.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri(sent), result.EnsureValid().Sequences["s"].Steps[0].Destination.Uri);
    }

    [Theory] // Knative's Kn-Namespace header names the namespace of the Trigger, Subscription or source that delivers
    [InlineData("{ uri: \"http://x.local/\" }")]
    [InlineData("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api, namespace: default }")]
    public void A_destination_is_sent_to_from_the_namespace_of_the_resource_that_writes_it(string step)
    {
        Assert.Equal("shop", StepOf(StepTo(step, ns: "shop")).SenderNamespace);
        Assert.Equal("default", StepOf(StepTo(step, ns: null)).SenderNamespace);
    }

    [Fact]
    public void A_ref_to_a_namespace_where_its_target_is_not_declared_is_an_error_at_the_namespace()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(StepTo(
            "ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api, namespace: other }")));

        Assert.Equal(("spec.steps[0].ref.namespace", 26, "Sequence/s"), (error.Field, error.Location.Line, error.Resource));
        Assert.StartsWith("Service 'api' is not declared in namespace 'other' (it is in 'default', test.yaml:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_without_a_namespace_means_the_referring_resources_own()
    {
        string step = "ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api }";
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(StepTo(step, ns: "shop")));

        Assert.Equal(("spec.steps[0].ref.name", 26), (error.Field, error.Location.Line));
        Assert.StartsWith("Service 'api' is in namespace 'default', not in 'shop': a ref without a namespace means the referring resource's own", error.Message, StringComparison.Ordinal);
        Assert.Equal("api", StepOf(StepTo("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api, namespace: default }", ns: "shop")).Ref!.Name);
    }

    [Theory]
    [InlineData("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api, namespace: shop }", null, null)]
    [InlineData("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api, namespace: shop }", "default", null)]
    [InlineData("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api }", "shop", null)]
    [InlineData("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api }", null, "shop")]
    [InlineData("uri: http://api.shop.svc.cluster.local", "default", null)]
    public void A_resource_without_a_namespace_goes_where_it_is_applied_so_refs_to_and_from_it_are_not_checked(string step, string? ns, string? apiNamespace)
    {
        // kubectl apply -n shop -f DIR: the manifests leave metadata.namespace out, the refs name shop.
        Assert.Equal("api", StepOf(StepTo(step, ns, apiNamespace)).Ref!.Name);
    }

    [Fact]
    public void A_triggers_broker_in_another_namespace_says_they_must_share_one()
    {
        string yaml = Manifests.Display + """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: orders
              namespace: default
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
              namespace: shop
            spec:
              broker: orders
              subscriber:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal(("spec.broker", "Trigger/t"), (error.Field, error.Resource));
        Assert.Equal("Broker 'orders' is in namespace 'default', not in 'shop': a Trigger's Broker is the one in the Trigger's namespace, as in Knative (declare them in one namespace)", error.Message);
    }

    [Fact]
    public void A_url_annotation_that_is_no_http_url_is_quoted_without_its_query()
    {
        string yaml = StepTo("ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: api }")
            .Replace("https://api.local/v1/", "ftp://user:pw@api.local/v1?code=KEY", StringComparison.Ordinal);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("'ftp://api.local/v1' is not an absolute http(s) URL", error.Message);
    }

    [Fact]
    public void The_same_name_in_two_namespaces_says_that_namespaces_share_one_set_of_names()
    {
        string broker = """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: orders
              namespace: {0}
            """;
        // The Trigger in team-b names its own namespace's Broker, the one of the two the set does not keep: the
        // duplicate is the finding, not a follow-on "is in namespace 'team-a'".
        string trigger = """
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: t
              namespace: team-b
            spec:
              broker: orders
              subscriber: { uri: "http://example.com/" }
            """;
        string yaml = string.Join("\n---\n", string.Format(CultureInfo.InvariantCulture, broker, "team-a"), string.Format(CultureInfo.InvariantCulture, broker, "team-b"), trigger);

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal("Broker 'orders' is declared twice (first at test.yaml:1, in namespace 'team-a'; here namespaces share one set of names, as the routes (/api/...) have no namespace); names must be unique per kind", error.Message);
    }

    /// <summary>The URI a ServiceInvoker calls for <paramref name="destination"/> (which answers 202, no event).</summary>
    private static async Task<Uri> CalledFor(Destination destination)
    {
        var handler = new RecordingHandler();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IEventDisplaySink>(new PrintedBlocks());
        collection.AddSingleton(new HttpClient(handler));
        collection.AddFunctionsSequence(Manifests.Load(StepTo("uri: http://unused.local/")).EnsureValid());
        await using ServiceProvider services = collection.BuildServiceProvider();
        var input = new CloudEvent { Id = "e", Source = new Uri("/test", UriKind.Relative), Type = "t" };

        await services.GetRequiredService<ServiceInvoker>().InvokeAsync(destination, input, AnswerUse.Output, via: null, format: null, default);
        return Assert.Single(handler.Called);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<Uri> Called { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Called.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted));
        }
    }
}
