using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace FunctionsSequence.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64).</summary>
internal static class Bicep
{
    public static string Path { get; } = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    public static string RepoRoot => global::FunctionsSequence.Tests.Shared.RepoRoot.Path;

    public static string Infra => System.IO.Path.Combine(RepoRoot, "infra");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        if (!OperatingSystem.IsWindows())
        {
            // NuGet extracts files without their exec bit on some file systems.
            File.SetUnixFileMode(Path, File.GetUnixFileMode(Path) | UnixFileMode.UserExecute);
        }

        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        info.Environment["BICEP_TRACING_ENABLED"] = "false";
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Every resource of a compiled template, nested module templates included.</summary>
    public static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        JsonElement resources = template.GetProperty("resources");
        IEnumerable<JsonElement> list = resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray()
            : resources.EnumerateObject().Select(p => p.Value);
        foreach (JsonElement resource in list)
        {
            yield return resource;
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                && resource.GetProperty("properties").TryGetProperty("template", out JsonElement nested))
            {
                foreach (JsonElement inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
