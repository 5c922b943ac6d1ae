using System.Text.Json;

namespace FunctionsSequence.Infra.Tests;

/// <summary>Compiles infra/main.bicep once; the tests read the ARM JSON.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    public JsonElement Template { get; private set; }

    public string BuildDiagnostics { get; private set; } = "";

    public int BuildExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        var (exit, stdout, stderr) = await Bicep.RunAsync("build", "infra/main.bicep", "--stdout");
        BuildExitCode = exit;
        BuildDiagnostics = stderr;
        Template = exit == 0 ? JsonDocument.Parse(stdout).RootElement.Clone() : default;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
