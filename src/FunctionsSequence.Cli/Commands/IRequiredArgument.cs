namespace FunctionsSequence.Cli.Commands;

/// <summary>An argument that must be given and says what it is, so that leaving it out is fseq's usage error, not the parser's.</summary>
internal interface IRequiredArgument
{
    /// <summary>What must be given, as in "event needs <i>an event ID</i>".</summary>
    string Needs { get; }
}
