using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Brokers;

/// <summary>A host running <see cref="BrokerForwardScenario"/>, its Brokers in process.</summary>
public sealed class BrokerForwardHost : HostFixture
{
    private readonly string folder = Directory.CreateTempSubdirectory("fseq-host-forward-").FullName;

    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "forward.yaml"), BrokerForwardScenario.Manifest);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    internal override HostSettings CreateSettings() => new(HostSettings.NewTaskHub("forward"), folder);
}
