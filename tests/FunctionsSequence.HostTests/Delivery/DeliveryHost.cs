using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>
/// A host whose Sequences, Broker and Triggers call HTTP steps and sinks served by the test
/// (<see cref="StepServer"/>, and an HTTPS sink a private authority signed, <see cref="PrivateCaServer"/>), from a
/// manifest written to a temporary folder.
/// </summary>
public sealed class DeliveryHost : HostFixture
{
    private readonly string folder = Directory.CreateTempSubdirectory("fseq-host-delivery-").FullName;

    public StepServer Steps { get; } = new();

    public PrivateCaServer Tls { get; } = new();

    public override async Task InitializeAsync()
    {
        await Steps.InitializeAsync();
        await Tls.InitializeAsync();
        await File.WriteAllTextAsync(Path.Combine(folder, "delivery.yaml"), Manifest());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Steps.DisposeAsync();
        await Tls.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    internal override HostSettings CreateSettings() => new(HostSettings.NewTaskHub("delivery"), folder);

    // Back-offs from 1 s: Azure Storage's durable timers fire in whole seconds at best.
    private string Manifest() => DeliveryScenario.Manifest(Steps, TimeSpan.FromSeconds(1)) + "\n---\n" + RedriveScenario.Manifest(Steps.BaseAddress) + "\n---\n" + TrustedDestinationScenario.Manifest(Tls)
        + "\n---\n" + GracefulStopTests.Manifest(Steps.BaseAddress) + "\n---\n" + LargeEventScenario.Manifest(Steps.BaseAddress);
}
