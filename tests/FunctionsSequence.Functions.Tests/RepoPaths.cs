namespace FunctionsSequence.Functions.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = Find();

    /// <summary>The Functions app's build output, in the tests' configuration.</summary>
    public static string FunctionsOutput
    {
        get
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(Root, "src", "FunctionsSequence.Functions", "bin", configuration, "net10.0");
        }
    }

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunctionsSequence.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FunctionsSequence.sln not found above " + AppContext.BaseDirectory);
    }
}
