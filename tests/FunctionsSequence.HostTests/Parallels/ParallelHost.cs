using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Parallels;

/// <summary>A host running <see cref="ParallelScenario"/>, its branches served by the test's <see cref="StepServer"/>.</summary>
public sealed class ParallelHost : HostFixture
{
    private readonly string folder = Directory.CreateTempSubdirectory("fseq-host-parallel-").FullName;

    public StepServer Steps { get; } = new();

    public override async Task InitializeAsync()
    {
        await Steps.InitializeAsync();
        await File.WriteAllTextAsync(Path.Combine(folder, "parallel.yaml"), ParallelScenario.Manifest(Steps));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Steps.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    internal override HostSettings CreateSettings() => new(HostSettings.NewTaskHub("parallel"), folder);
}
