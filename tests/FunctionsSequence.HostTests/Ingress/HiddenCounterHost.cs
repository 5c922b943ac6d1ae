using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.Tests.Shared;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>A Broker whose two Triggers filter on its hop counter, which their filters do not see, each to event-display.</summary>
public sealed class HiddenCounterHost : HostFixture
{
    private const string EventDisplay = "{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }";

    private static readonly string Manifests = HiddenCounterManifests.Yaml(EventDisplay, EventDisplay) + """

        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: { name: event-display }
        spec:
          template:
            spec:
              containers:
                - image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("fseq-host-hidden-counter-").FullName;

    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "hidden-counter.yaml"), Manifests);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    internal override HostSettings CreateSettings() => new(HostSettings.NewTaskHub("counter"), folder);
}
