using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;
using FunctionsSequence.Tests.Shared;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>A Broker whose two Triggers filter on its hop counter, which their filters do not see, each to event-display.</summary>
public sealed class HiddenCounterHost : HostFixture
{
    private const string EventDisplay = "{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }";

    private static readonly string Manifests = EventDisplayService.With(HiddenCounterManifests.Yaml(EventDisplay, EventDisplay));

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
