namespace FunctionsSequence.Core.Yaml;

/// <summary>Where something was written: a file, a 1-based line and, when known, a 1-based column.</summary>
public sealed record SourceLocation(string File, int Line, int Column = 0)
{
    /// <summary>Used for resources that were implied rather than written (the seed's default Broker).</summary>
    public static readonly SourceLocation Implied = new("(implied)", 0);

    /// <inheritdoc />
    public override string ToString() => (Line, Column) switch
    {
        ( <= 0, _) => File,
        (_, <= 0) => $"{File}:{Line}",
        _ => $"{File}:{Line}:{Column}",
    };
}
