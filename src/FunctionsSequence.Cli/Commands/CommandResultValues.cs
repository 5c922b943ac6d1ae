using System.CommandLine;
using System.CommandLine.Parsing;

namespace FunctionsSequence.Cli.Commands;

/// <summary>Option values as a command's validator reads them.</summary>
internal static class CommandResultValues
{
    /// <summary>
    /// The option's value, or null when its words were refused: those have a usage error of their own, and asking for
    /// their value throws (System.CommandLine gives a validator no other way to tell), which would end fseq with a stack
    /// trace instead of the usage errors.
    /// </summary>
    public static T? ValueIfValid<T>(this CommandResult result, Option<T> option)
        where T : class?
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
