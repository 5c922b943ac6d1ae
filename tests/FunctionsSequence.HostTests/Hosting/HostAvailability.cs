namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// Whether these tests can run here. Without a host they are skipped, except in CI (<c>CI</c> set)
/// or with <c>FSEQ_REQUIRE_FUNCTIONS_HOST=1</c>, where a missing host fails them: a green run there
/// must mean the app ran on a real host.
/// </summary>
internal static class HostAvailability
{
    private static readonly Lazy<HostCommand?> Found = new(HostCommand.Find);

    /// <summary>The command, or null when there is none.</summary>
    public static HostCommand? Command => Found.Value;

    public static bool Required =>
        Environment.GetEnvironmentVariable("FSEQ_REQUIRE_FUNCTIONS_HOST") == "1"
        || Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the command; skips the calling test, or fails it when a host is required, if there is none.</summary>
    public static HostCommand Ensure()
    {
        if (Command is { } command)
        {
            return command;
        }

        if (Required)
        {
            Assert.Fail(HostCommand.Options + " (Required here: CI or FSEQ_REQUIRE_FUNCTIONS_HOST=1 is set.)");
        }

        throw new SkipException(HostCommand.Options);
    }
}
