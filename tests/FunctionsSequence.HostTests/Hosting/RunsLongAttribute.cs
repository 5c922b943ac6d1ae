namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// Marks a test class, or a collection definition, that takes about <paramref name="minutes"/> minutes on 2 cores (it
/// waits for a minute's tick, a visibility timeout or a restart, or runs one host after another). A rough length, for
/// <see cref="LongestFirst"/> only: no test is timed by it. For a class in a named collection, it is read from the
/// collection's definition, not from the class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RunsLongAttribute(int minutes) : Attribute
{
    public int Minutes { get; } = minutes;
}
