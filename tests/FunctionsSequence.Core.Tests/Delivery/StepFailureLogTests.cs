using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Sequences;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Tests.Ingress;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>
/// When a step or Service fails, each log line names the hop, the event's id and the reason, and
/// none quotes the event's data (it may be personal or secret); the dead-letter sink still gets
/// what the step said about it, in <c>knativeerrordata</c>.
/// </summary>
public sealed partial class StepFailureLogTests : IAsyncDisposable
{
    private const string Secret = "card 4111-1111-1111-1111 of Jane Doe";

    private static readonly string Yaml = Manifests.StepService("step-0", 0) + Manifests.Display + Manifests.InAppStepService("parser", "uppercase") + """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: to-dls }
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: step-0 }
              delivery:
                deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: no-dls }
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: step-0 }
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: hanger
          annotations:
            functionssequence.dev/step: uppercase
        spec:
          template:
            spec:
              containers:
                - image: functionssequence/in-app-step
                  env:
                    - { name: HANG, value: "yes" }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: hangs }
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: hanger }
              delivery:
                timeout: PT0.1S
                deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: throws }
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: parser }
              delivery:
                deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: echo }
        spec:
          steps:
            - uri: http://echo.local/
              delivery:
                retry: 1
                backoffDelay: PT0.01S
                backoffPolicy: exponential
                deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        ---
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: refused }
        spec:
          steps:
            - uri: http://refused.local/
              delivery:
                retry: 1
                backoffDelay: PT0.01S
                backoffPolicy: exponential
                deadLetterSink: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        """;

    private readonly LogLines log = new();
    private readonly PrintedBlocks printed = new();
    private readonly FakeDurableClient client = new();
    private readonly ServiceProvider services;

    public StepFailureLogTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        collection.AddSingleton<IEventDisplaySink>(printed);
        // A step that answers 503 with the event's data in its body, as many servers quote what they could not take.
        collection.AddSingleton(new HttpClient(new EchoingFailure()));
        collection.AddSequenceStep<ParsingStep>("uppercase"); // an in-app step whose bug's message quotes its input
        collection.AddFunctionsSequence(Manifests.Load(Yaml).EnsureValid());
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    private static string Event(string id) => CloudEventJson.Encode(
        new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "t", DataContentType = "text/plain", Data = Secret });

    private async Task<RunOutcome> Run(string sequence, string id)
    {
        var hops = new InProcessFlowHops(
            services.GetRequiredService<HopActivities>(), services.GetRequiredService<DeadLetterActivity>(), client, "test-run", log, CancellationToken.None);
        return await SequencePipeline.RunAsync(services.GetRequiredService<ManifestSet>(), new SequenceRun(sequence, [new RunEvent(Event(id))]), hops);
    }

    private string Line(int eventId) => Assert.Single(log.Entries, e => e.EventId == eventId).Text;

    /// <summary>The <c>knativeerrordata</c> of the one event the dead-letter sink (event-display) printed, decoded.</summary>
    private string ErrorData() =>
        Encoding.UTF8.GetString(Convert.FromBase64String(ErrorDataLine().Match(Assert.Single(printed.Blocks)).Groups[1].Value));

    private void AssertNoLineQuotesTheData()
    {
        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines, line => Assert.DoesNotContain("4111", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_that_refuses_the_data_is_logged_by_hop_id_and_reason_and_the_sink_gets_the_data()
    {
        RunOutcome outcome = await Run("to-dls", "ev-dls");

        Assert.Equal(1, outcome.DeadLettered);
        Assert.Equal(
            "Sequence to-dls step 0 (Service/step-0) failed for event ev-dls after 1 attempt(s) (last status 400: the step expects JSON data like " +
            "{\"message\": \"...\"} with a string message, and the data is not JSON): sent to dead-letter sink Service/event-display",
            Line(1301));
        AssertNoLineQuotesTheData();
        Assert.EndsWith($"the data is not JSON: '{Secret}'", ErrorData(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_that_fails_for_good_without_a_sink_is_logged_by_hop_id_and_reason()
    {
        RunOutcome outcome = await Run("no-dls", "ev-lost");

        string failed = Line(1502);
        Assert.StartsWith("Sequence no-dls step 0 (Service/step-0) failed after 1 attempt(s) (last status 400: the step expects JSON data", failed, StringComparison.Ordinal);
        Assert.EndsWith("with event ev-lost in its input", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", Assert.Single(outcome.Failures), StringComparison.Ordinal);
        AssertNoLineQuotesTheData();
    }

    [Fact]
    public async Task A_retried_step_is_logged_by_hop_id_and_reason_and_its_answer_goes_to_the_sink_only()
    {
        await Run("echo", "ev-echo");

        Assert.Equal(
            "Sequence echo step 0 (http://echo.local/): attempt 1/2 failed for event ev-echo (status 503: POST http://echo.local/ answered 503 Service Unavailable); retrying in 0.01 s",
            Line(1501));
        Assert.Contains("failed for event ev-echo after 2 attempt(s) (last status 503: POST http://echo.local/ answered 503 Service Unavailable)", Line(1301), StringComparison.Ordinal);
        AssertNoLineQuotesTheData();
        Assert.Equal($"could not take: {Secret}", ErrorData());
    }

    [Fact]
    public async Task A_step_that_does_not_answer_is_logged_as_no_answer_and_dead_lettered_with_knatives_500()
    {
        await Run("refused", "ev-refused");

        Assert.Equal(
            "Sequence refused step 0 (http://refused.local/): attempt 1/2 failed for event ev-refused (no answer: POST http://refused.local/ failed: Connection refused (refused.local:80)); retrying in 0.01 s",
            Line(1501));
        Assert.Contains("failed for event ev-refused after 2 attempt(s) (last attempt got no answer: POST http://refused.local/ failed: Connection refused (refused.local:80))", Line(1301), StringComparison.Ordinal);
        Assert.Contains("knativeerrorcode: 500", Assert.Single(printed.Blocks), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_fails_at_its_route_is_logged_by_route_id_and_reason()
    {
        HttpRequest request = IngressRequests.Post(Secret, "text/plain", ("ce-specversion", "1.0"), ("ce-id", "ev-route"), ("ce-source", "/test"), ("ce-type", "t"));
        request.PathBase = "/api";
        request.Path = "/services/step-0";

        await services.GetRequiredService<CloudEventIngress>().HandleAsync(request, IngressTarget.Service, "step-0", client, default);

        Assert.Equal(
            "POST /api/services/step-0 refused with 400 Service failed: Event \"ev-route\": the step expects JSON data like {\"message\": \"...\"} with a string message, and the data is not JSON",
            Line(1901));
        AssertNoLineQuotesTheData();
    }

    [Fact]
    public async Task An_in_app_step_that_throws_is_logged_by_the_exceptions_type_and_the_sink_gets_its_message()
    {
        RunOutcome outcome = await Run("throws", "ev-throw");

        Assert.Equal(1, outcome.DeadLettered);
        Assert.Equal(
            "Sequence throws step 0 (Service/parser) failed for event ev-throw after 1 attempt(s) (last status 500: Service/parser threw FormatException): " +
            "sent to dead-letter sink Service/event-display",
            Line(1301));
        AssertNoLineQuotesTheData();
        Assert.StartsWith($"FormatException: The input string '{Secret}'", ErrorData(), StringComparison.Ordinal);
        // The bug is located for its author: the type and the stack trace, which quotes no data.
        string threw = Line(1404);
        Assert.StartsWith("Service/parser: its in-app step threw FormatException for event ev-throw", threw, StringComparison.Ordinal);
        Assert.Contains(nameof(ParsingStep), threw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_in_app_step_past_its_timeout_is_retried_as_no_answer_not_a_bug()
    {
        RunOutcome outcome = await Run("hangs", "ev-hang");

        Assert.Equal(1, outcome.DeadLettered);
        Assert.Contains("failed for event ev-hang after 1 attempt(s) (last attempt got no answer: timed out after 0.1 s (the per-attempt timeout))", Line(1301), StringComparison.Ordinal);
        Assert.Contains("knativeerrorcode: 500", Assert.Single(printed.Blocks), StringComparison.Ordinal); // Knative's code for no answer
        Assert.DoesNotContain(log.Entries, e => e.EventId == 1404);
    }

    [GeneratedRegex(@"knativeerrordata: (\S+)")]
    private static partial Regex ErrorDataLine();

    /// <summary>Parses its data as a number (a bug for any other data), or with env HANG waits until cancelled.</summary>
    private sealed class ParsingStep : ISequenceStep
    {
        public async ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
        {
            if (context.Environment.ContainsKey("HANG"))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return input.Data is string text && int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) > 0 ? input : null;
        }
    }

    private sealed class EchoingFailure : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.Host == "refused.local"
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (refused.local:80)")
                : new(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("could not take: " + await request.Content!.ReadAsStringAsync(cancellationToken)) };
    }
}
