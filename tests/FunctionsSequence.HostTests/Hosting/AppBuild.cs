namespace FunctionsSequence.HostTests.Hosting;

/// <summary>The Functions app as <c>dotnet build FunctionsSequence.sln</c> left it, and private copies of it.</summary>
internal static class AppBuild
{
    private const string Metadata = "functions.metadata";

    /// <summary>The build output: the tests' own configuration first, else the newest other one.</summary>
    public static string Output { get; } = Find();

    /// <summary>
    /// Copies the app into <paramref name="target"/>: each host gets its own folder for its
    /// local.settings.json (a developer's own local.settings.json in the output is left out).
    /// </summary>
    public static void CopyTo(string target)
    {
        foreach (string file in Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Output, file);
            if (relative == "local.settings.json")
            {
                continue;
            }

            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static string Find()
    {
        string preferred = global::FunctionsSequence.Tests.Shared.RepoRoot.BuildOutput("FunctionsSequence.Functions");
        if (File.Exists(Path.Combine(preferred, Metadata)))
        {
            return preferred;
        }

        string bin = Path.GetDirectoryName(Path.GetDirectoryName(preferred))!;
        return (Directory.Exists(bin) ? Directory.GetDirectories(bin) : [])
            .Select(configuration => Path.Combine(configuration, "net10.0"))
            .Where(output => File.Exists(Path.Combine(output, Metadata)))
            .OrderByDescending(output => File.GetLastWriteTimeUtc(Path.Combine(output, Metadata)))
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"The Functions app is not built (no {Metadata} in {preferred}): run `dotnet build FunctionsSequence.sln` first.");
    }
}
