using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// A step's <c>delivery</c> fields as Knative's webhook takes them (eventing pkg/apis/duck/v1/delivery_types.go):
/// durations by its ISO-8601 period parser, <c>format</c>, <c>retryAfterMax</c>.
/// </summary>
public sealed partial class ManifestLoaderTests
{
    /// <summary>Sequence seq, one step with <paramref name="delivery"/> (YAML flow style) as its delivery.</summary>
    private static string StepWithDelivery(string delivery, bool reply = false) => Manifests.StepService("step-0", 0) + $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: step-0 }
              delivery: {{delivery}}
        {{(reply ? "  reply: { uri: http://reply.local/ }" : "")}}

        """;

    private static readonly ManifestLoader Limited = new([new("uppercase")], callLimit: TimeSpan.FromMinutes(10));

    private static DeliverySpec StepDelivery(string delivery) =>
        Manifests.Load(StepWithDelivery(delivery)).EnsureValid().DeliveryOf(Hop.Step("seq", 0))!;

    private static ManifestDiagnostic[] DeliveryErrors(string delivery) =>
        [.. Manifests.Load(StepWithDelivery(delivery)).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];

    [Theory]
    [InlineData("PT0S", 0)]
    [InlineData("P0D", 0)]
    [InlineData("P0", 0)]
    [InlineData("PT0,5S", 500)]
    [InlineData("PT0.2S", 200)]
    [InlineData("P1W", 7 * 24 * 3600 * 1000L)]
    [InlineData("P1W1D", 8 * 24 * 3600 * 1000L)]
    [InlineData("PT1M30S", 90_000)]
    [InlineData("PT1,5M", 90_000)]
    [InlineData("P0.5D", 12 * 3600 * 1000L)]
    [InlineData("+PT2S", 2000)]
    public void Backoff_delay_takes_every_duration_knatives_period_parser_takes(string written, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), StepDelivery($"{{ retry: 1, backoffDelay: \"{written}\" }}").BackoffDelay);

    [Fact]
    public void A_year_and_a_month_are_knatives_approximations_of_them()
    {
        // rickb777/date period.Duration: a year is 365.2425 days, a month a twelfth of it.
        Assert.Equal(TimeSpan.FromDays(365.2425), StepDelivery("{ timeout: P1Y }").Timeout);
        Assert.Equal(TimeSpan.FromDays(365.2425 / 12), StepDelivery("{ timeout: P1M }").Timeout);
    }

    [Theory]
    [InlineData("backoffDelay", "PT")]
    [InlineData("backoffDelay", "P")]
    [InlineData("backoffDelay", "1S")]
    [InlineData("backoffDelay", "PT1X")]
    [InlineData("backoffDelay", "PT1S1M")]
    [InlineData("backoffDelay", "five seconds")]
    [InlineData("backoffDelay", "PT\u0663S")] // an Arabic-Indic 3: a digit to Unicode, not to Go's parser
    [InlineData("backoffDelay", "PT99999999999999999999999999999999S")]
    [InlineData("timeout", "PT0S")]
    [InlineData("timeout", "P0D")]
    [InlineData("timeout", "PT0,0S")]
    [InlineData("timeout", "-PT1S")]
    public void What_knative_refuses_is_refused_naming_the_field(string field, string written)
    {
        ManifestDiagnostic error = Assert.Single(DeliveryErrors($"{{ {field}: \"{written}\" }}"));

        Assert.Equal("spec.steps[0].delivery." + field, error.Field);
        Assert.Contains($"'{written}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_timeout_is_refused_for_being_zero()
    {
        ManifestDiagnostic error = Assert.Single(DeliveryErrors("{ timeout: PT0S }"));

        Assert.Contains("above zero", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PT8M20S", true, " with the 100 s of the reply's one try that follows it there", "PT8M20S")] // with the reply's 100 s, the whole call
    [InlineData("PT15M", true, " with the 100 s of the reply's one try that follows it there", "PT8M20S")]
    [InlineData("PT10M", false, "", "PT10M")]
    public void Where_a_call_is_limited_a_timeout_that_does_not_fit_in_it_is_refused_saying_what_fits(string written, bool reply, string withReply, string fits)
    {
        string yaml = StepWithDelivery($"{{ timeout: {written} }}", reply);

        ManifestDiagnostic error = Manifests.SingleError(Limited.LoadText(yaml, "test.yaml"));

        Assert.Equal(("spec.steps[0].delivery.timeout", Array.FindIndex(yaml.Split('\n'), l => l.Contains("timeout", StringComparison.Ordinal)) + 1), (error.Field, error.Location.Line));
        Assert.Equal(
            $"'{written}' does not fit in one call of the Functions app (functionTimeout 00:10:00){withReply}: " +
            $"the host would cut the attempt off and fail its run, without retries or dead letter; use less than {fits} or raise functionTimeout (host.json, or the AzureFunctionsJobHost__functionTimeout setting that overrides it)",
            error.Message);
    }

    [Fact]
    public void A_timeout_that_fits_in_a_call_is_taken_and_without_a_limit_any_is()
    {
        Assert.Equal(TimeSpan.FromSeconds(499), Limited.LoadText(StepWithDelivery("{ timeout: PT8M19S }", reply: true)).EnsureValid().DeliveryOf(Hop.Step("seq", 0))!.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(599), Limited.LoadText(StepWithDelivery("{ timeout: PT9M59S }")).EnsureValid().DeliveryOf(Hop.Step("seq", 0))!.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(15), StepDelivery("{ timeout: PT15M }").Timeout);
    }

    [Theory]
    [InlineData("Sequence/seq spec.steps[1].delivery.timeout", """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          steps:
            - uri: http://a.local/
              delivery: { timeout: PT9M }
            - uri: http://b.local/
              delivery: { timeout: PT9M }
          reply: { uri: http://reply.local/ }
        """)]
    [InlineData("Sequence/seq spec.channelTemplate.spec.delivery.timeout", """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: seq }
        spec:
          channelTemplate: { apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, spec: { delivery: { timeout: PT9M } } }
          steps:
            - uri: http://a.local/
          reply: { uri: http://reply.local/ }
        """)]
    [InlineData("Parallel/par spec.branches[1].delivery.timeout", """
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata: { name: par }
        spec:
          branches:
            - subscriber: { uri: http://a.local/ }
              delivery: { timeout: PT9M }
            - subscriber: { uri: http://b.local/ }
              reply: { uri: http://reply.local/ }
              delivery: { timeout: PT9M }
        """)]
    [InlineData("Parallel/par spec.branches[0].delivery.timeout", """
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata: { name: par }
        spec:
          branches:
            - subscriber: { uri: http://a.local/ }
              delivery: { timeout: PT9M }
          reply: { uri: http://reply.local/ }
        """)]
    [InlineData("Broker/default spec.delivery.timeout", """
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: { name: default }
        spec:
          delivery: { timeout: PT9M }
        """)]
    [InlineData("Trigger/t spec.delivery.timeout", """
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: { name: default }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: { name: t }
        spec:
          broker: default
          subscriber: { uri: http://a.local/ }
          delivery: { timeout: PT9M }
        """)]
    public void Only_a_hop_whose_call_also_sends_a_reply_needs_room_for_it(string refused, string yaml)
    {
        ManifestDiagnostic error = Manifests.SingleError(Limited.LoadText(yaml, "test.yaml"));

        Assert.Equal(refused, $"{error.Resource} {error.Field}");
        Assert.Contains("with the 100 s of the reply's one try", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_backoff_delay_is_taken_as_knative_takes_it_no_wait_with_a_warning()
    {
        ManifestLoadResult result = Manifests.Load(StepWithDelivery("{ retry: 1, backoffDelay: -PT1S }"));

        Assert.Equal(TimeSpan.Zero, result.EnsureValid().DeliveryOf(Hop.Step("seq", 0))!.BackoffDelay);
        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.steps[0].delivery.backoffDelay"), (warning.Severity, warning.Field));
    }

    [Theory]
    [InlineData("json", DeliveryFormat.Json)]
    [InlineData("binary", DeliveryFormat.Binary)]
    public void Format_is_read(string written, DeliveryFormat format) =>
        Assert.Equal(format, StepDelivery($"{{ format: {written} }}").Format);

    [Theory]
    [InlineData("JSON")]
    [InlineData("structured")]
    [InlineData("xml")]
    public void A_format_knative_does_not_know_is_refused_naming_the_two_it_does(string written)
    {
        ManifestDiagnostic error = Assert.Single(DeliveryErrors($"{{ format: {written} }}"));

        Assert.Equal("spec.steps[0].delivery.format", error.Field);
        Assert.Equal($"'{written}' is not an event format (expected json, for structured mode, or binary)", error.Message);
    }

    [Theory]
    [InlineData("PT30S", 30)]
    [InlineData("PT0S", 0)]
    public void Retry_after_max_is_read_as_knative_reads_it_with_delivery_retryafter_on(string written, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), StepDelivery($"{{ retry: 2, retryAfterMax: {written} }}").RetryAfterMax);

    [Fact]
    public void A_retry_after_max_is_warned_about_as_knative_takes_it_only_with_delivery_retryafter_on()
    {
        ManifestDiagnostic warning = Assert.Single(Manifests.Load(StepWithDelivery("{ retry: 2, retryAfterMax: PT1S }")).Diagnostics);

        Assert.Equal((DiagnosticSeverity.Warning, "spec.steps[0].delivery.retryAfterMax"), (warning.Severity, warning.Field));
        Assert.Contains("delivery-retryafter feature", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_retry_after_max_is_refused_as_knative_refuses_it()
    {
        ManifestDiagnostic error = Assert.Single(DeliveryErrors("{ retry: 2, retryAfterMax: -PT1S }"));

        Assert.Equal("spec.steps[0].delivery.retryAfterMax", error.Field);
        Assert.StartsWith("'-PT1S' is negative", error.Message, StringComparison.Ordinal);
    }
}
