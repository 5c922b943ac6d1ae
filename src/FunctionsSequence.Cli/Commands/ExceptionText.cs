namespace FunctionsSequence.Cli.Commands;

/// <summary>How fseq quotes an exception in its one-line errors.</summary>
internal static class ExceptionText
{
    /// <summary>
    /// The first line of <paramref name="exception"/>'s message: the Azure SDK's go on with the
    /// request id and headers, and a gRPC status with its details; the first line says what was wrong.
    /// </summary>
    public static string FirstLine(this Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Message.Split('\n')[0];
    }
}
