using System.CommandLine;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// An option whose value is checked as it is parsed: a bad value is the usage error
/// "{name} needs {needs}" (for example "--port needs a whole number from 0 to 65535").
/// </summary>
internal sealed class CheckedOption<T> : Option<T>, ICheckedOption
{
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="needs">What its value must be, for the error message.</param>
    /// <param name="parse">The value of the option's words, or Ok false when they are not acceptable.</param>
    public CheckedOption(string name, string needs, Func<IReadOnlyList<string>, (bool Ok, T Value)> parse)
        : base(name)
    {
        Needs = needs;
        CustomParser = result =>
        {
            (bool ok, T value) = parse([.. result.Tokens.Select(t => t.Value)]);
            if (!ok)
            {
                result.AddError($"{name} needs {needs}");
            }

            return value;
        };
    }

    /// <inheritdoc />
    public string Needs { get; }
}
