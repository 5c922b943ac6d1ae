namespace FunctionsSequence.Cli.Commands;

/// <summary>An option that says what its value must be, so that a missing value gets the same message as a bad one.</summary>
internal interface ICheckedOption
{
    /// <summary>What the value must be, as in "--port needs <i>a whole number from 0 to 65535</i>".</summary>
    string Needs { get; }
}
