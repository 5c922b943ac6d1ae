using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>
/// A host whose Sequences, Broker and Triggers call HTTP steps and sinks served by the test
/// (<see cref="StepServer"/>), from a manifest written to a temporary folder.
/// </summary>
public sealed class DeliveryHost : HostFixture
{
    private readonly string folder = Directory.CreateTempSubdirectory("fseq-host-delivery-").FullName;

    public StepServer Steps { get; } = new();

    public override async Task InitializeAsync()
    {
        await Steps.InitializeAsync();
        await File.WriteAllTextAsync(Path.Combine(folder, "delivery.yaml"), Manifest());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Steps.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    internal override HostSettings CreateSettings() => new(HostSettings.NewTaskHub("delivery"), folder);

    private string Manifest()
    {
        string Url(string path) => new Uri(Steps.BaseAddress, path).ToString();
        return $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-linear
            spec:
              steps:
                - uri: {{Url("/flaky")}}
                  delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT0.3S }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-exponential
            spec:
              steps:
                - uri: {{Url("/flaky")}}
                  delivery: { retry: 3, backoffPolicy: exponential, backoffDelay: PT1S }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: rejecting
            spec:
              steps:
                - uri: {{Url("/reject")}}
                  delivery:
                    retry: 3
                    backoffDelay: PT0.1S
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: slow
            spec:
              steps:
                - uri: {{Url("/slow")}}
                  delivery:
                    retry: 1
                    timeout: PT0.5S
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: no-dead-letter
            spec:
              steps:
                - uri: {{Url("/reject")}}
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: events
            spec:
              delivery:
                retry: 2
                backoffDelay: PT0.1S
                deadLetterSink: { uri: {{Url("/dls")}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to-garbage
            spec:
              broker: events
              filter: { attributes: { type: test.garbage } }
              subscriber: { uri: {{Url("/garbage")}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to-flaky
            spec:
              broker: events
              filter: { attributes: { type: test.flaky } }
              subscriber: { uri: {{Url("/flaky")}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: done-to-sink
            spec:
              broker: events
              filter: { attributes: { type: test.flaky.done } }
              subscriber: { uri: {{Url("/sink")}} }
            ---

            """ + RedriveScenario.Manifest(Steps.BaseAddress);
    }
}
