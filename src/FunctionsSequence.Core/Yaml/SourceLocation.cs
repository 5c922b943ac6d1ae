namespace FunctionsSequence.Core.Yaml;

/// <summary>Where something was written: a file and a 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    /// <summary>Used for resources that were implied rather than written (the seed's default Broker).</summary>
    public static readonly SourceLocation Implied = new("(implied)", 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
