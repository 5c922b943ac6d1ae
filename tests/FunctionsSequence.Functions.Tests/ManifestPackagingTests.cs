using System.Diagnostics;
using System.Text.Json;

namespace FunctionsSequence.Functions.Tests;

/// <summary>
/// Which manifests the app ships (its <c>manifests/</c> folder): the seed's scenario 4 by default,
/// the folder named by <c>FunctionsSequenceManifests</c> otherwise, and a clear build error for a
/// folder that is not there or holds none. Read from MSBuild's evaluation, as a build would see it.
/// </summary>
public sealed class ManifestPackagingTests
{
    private static readonly string Project = Path.Combine(RepoPaths.Root, "src", "FunctionsSequence.Functions", "FunctionsSequence.Functions.csproj");

    [Fact]
    public void By_default_the_app_ships_the_seeds_scenario_4()
    {
        Assert.Equal(["manifests/4-broker-trigger.yaml", "manifests/services.yaml"], Shipped());
    }

    [Fact]
    public void A_folder_named_by_FunctionsSequenceManifests_ships_instead_subfolders_and_every_manifest_extension_included()
    {
        string folder = Directory.CreateTempSubdirectory("fseq-manifests-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "brokers"));
        File.WriteAllText(Path.Combine(folder, "sequence.yaml"), "");
        File.WriteAllText(Path.Combine(folder, "brokers", "default.yml"), "");
        File.WriteAllText(Path.Combine(folder, "list.json"), "");
        File.WriteAllText(Path.Combine(folder, "README.md"), "");
        // What the loader leaves out ships neither: build output, hidden files and folders, and the settings with their secrets.
        foreach (string skipped in (string[])["bin/app.json", "obj/project.assets.json", "node_modules/x/package.json", ".vscode/settings.json", ".hidden.yaml", "local.settings.json"])
        {
            string path = Path.Combine(folder, skipped);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }

        Assert.Equal(["manifests/brokers/default.yml", "manifests/list.json", "manifests/sequence.yaml"], Shipped($"-p:FunctionsSequenceManifests={folder}"));
    }

    [Fact]
    public void A_folder_that_does_not_exist_or_holds_no_manifest_fails_the_build_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fseq-no-such-folder-" + Guid.NewGuid().ToString("N"));
        string empty = Directory.CreateTempSubdirectory("fseq-empty-").FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "");
        Directory.CreateDirectory(Path.Combine(empty, "obj"));
        File.WriteAllText(Path.Combine(empty, "obj", "project.assets.json"), ""); // not a manifest either

        (int code, string output) = MsBuild("-t:CheckFunctionsSequenceManifests", $"-p:FunctionsSequenceManifests={missing}");
        Assert.NotEqual(0, code);
        Assert.Contains($"FunctionsSequenceManifests: folder '{missing}/' does not exist", output, StringComparison.Ordinal);

        (code, output) = MsBuild("-t:CheckFunctionsSequenceManifests", "-p:FunctionsSequenceManifests=my-manifests");
        Assert.NotEqual(0, code);
        Assert.Contains("my-manifests/' does not exist (set it to the folder of your Knative manifests; a relative path is taken from the project's folder", output, StringComparison.Ordinal);

        (code, output) = MsBuild("-t:CheckFunctionsSequenceManifests", $"-p:FunctionsSequenceManifests={empty}");
        Assert.NotEqual(0, code);
        Assert.Contains($"FunctionsSequenceManifests: folder '{empty}/' holds no .yaml, .yml or .json file", output, StringComparison.Ordinal);
    }

    /// <summary>Where each manifest lands in the app's output, as MSBuild evaluates the project's <c>None</c> items.</summary>
    private static string[] Shipped(params string[] arguments)
    {
        (int code, string output) = MsBuild(["-getItem:None", .. arguments]);
        Assert.True(code == 0, output);
        using JsonDocument items = JsonDocument.Parse(output);
        return [.. items.RootElement.GetProperty("Items").GetProperty("None").EnumerateArray()
            .Select(item => item.TryGetProperty("Link", out JsonElement link) ? link.GetString()!.Replace('\\', '/') : "")
            .Where(link => link.StartsWith("manifests/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    private static (int Code, string Output) MsBuild(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])["msbuild", Project, "-nologo", "-nodeReuse:false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // A developer who exported it for a deployment must not change what these tests read.
        start.Environment.Remove("FunctionsSequenceManifests");
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet msbuild {string.Join(' ', arguments)} did not end within 2 minutes");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
