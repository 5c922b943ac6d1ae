namespace FunctionsSequence.Tests.Shared;

/// <summary>The repository root, found from the test assembly's folder (linked into each test project that reads repo files).</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>The folder a project builds to, in the tests' own configuration (Debug or Release).</summary>
    public static string BuildOutput(string project)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent!.Name;
        return System.IO.Path.Combine(Path, "src", project, "bin", configuration, "net10.0");
    }

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FunctionsSequence.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FunctionsSequence.sln not found above " + AppContext.BaseDirectory);
    }
}
