using System.Text.Json;

namespace FunctionsSequence.Infra.Tests;

/// <summary>
/// bicep build and lint exit 0 even with warnings, so the tests read their diagnostics: there
/// must be none, warnings included.
/// </summary>
public sealed class BicepLintTests(CompiledTemplateFixture compiled) : IClassFixture<CompiledTemplateFixture>
{
    public static TheoryData<string> BicepFiles() =>
        new(Directory.EnumerateFiles(Bicep.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Bicep.RepoRoot, f))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void Main_builds_without_any_diagnostic()
    {
        Assert.Equal(0, compiled.BuildExitCode);
        Assert.Equal("", compiled.BuildDiagnostics.Trim());
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_file_lints_clean(string file)
    {
        var (exit, stdout, stderr) = await Bicep.RunAsync("lint", file, "--diagnostics-format", "sarif");

        Assert.True(exit == 0, stderr);
        using JsonDocument sarif = JsonDocument.Parse(stdout);
        var findings = sarif.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(run => run.GetProperty("results").EnumerateArray())
            .Select(r => $"{r.GetProperty("ruleId").GetString()}: {r.GetProperty("message").GetProperty("text").GetString()}")
            .ToList();
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
