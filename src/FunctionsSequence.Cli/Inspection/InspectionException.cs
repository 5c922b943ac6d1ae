namespace FunctionsSequence.Cli.Inspection;

/// <summary>The runs could not be read: the message says from where and why, for "fseq: ...".</summary>
internal sealed class InspectionException(string message, Exception? inner = null) : Exception(message, inner);
