namespace FunctionsSequence.Functions.Tests;

internal static class RepoPaths
{
    public static string Root => global::FunctionsSequence.Tests.Shared.RepoRoot.Path;

    /// <summary>The Functions app's build output, in the tests' configuration.</summary>
    public static string FunctionsOutput => global::FunctionsSequence.Tests.Shared.RepoRoot.BuildOutput("FunctionsSequence.Functions");
}
