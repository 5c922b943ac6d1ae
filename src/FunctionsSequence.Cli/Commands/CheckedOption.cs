using System.CommandLine;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// An option whose value is checked as it is parsed: a bad value is the usage error
/// "{name} needs {needs}, not '{value}'" (for example "--port needs a whole number from 0 to 65535, not '70000'").
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
            string[] words = [.. result.Tokens.Select(t => t.Value)];
            (bool ok, T value) = parse(words);
            if (!ok)
            {
                // Of several words (a repeated option), the first one refused on its own is the one quoted.
                string? bad = words.Length == 1 ? words[0] : words.FirstOrDefault(w => !parse([w]).Ok);
                result.AddError(bad is null ? $"{name} needs {needs}" : $"{name} needs {needs}, not {Quote(bad)}");
            }

            return value;
        };
    }

    /// <inheritdoc />
    public string Needs { get; }

    /// <summary>
    /// How a refused value appears in the error; as given, in quotes, unless the option says otherwise
    /// (a connection string, which may hold a key, is described instead).
    /// </summary>
    public Func<string, string> Quote { get; init; } = word => $"'{word}'";
}
