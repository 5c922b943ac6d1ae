using System.CommandLine;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// An argument that must be given (help shows it without brackets); left out, it is the usage error
/// "{command} needs {needs}" (for example "event needs an event ID").
/// </summary>
internal sealed class RequiredArgument<T> : Argument<T>, IRequiredArgument
{
    /// <param name="name">The argument, as help shows it.</param>
    /// <param name="needs">What must be given, for the error message.</param>
    /// <param name="arity">One value, or one or more.</param>
    public RequiredArgument(string name, string needs, ArgumentArity arity)
        : base(name)
    {
        Needs = needs;
        Arity = arity;
    }

    /// <inheritdoc />
    public string Needs { get; }
}
