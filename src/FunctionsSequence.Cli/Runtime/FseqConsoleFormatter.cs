using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// One short line per log entry: time, level, message. Our own categories are left out (the
/// message says what happened); other libraries' are kept, so their lines can be told apart. Once
/// the runtime is stopping, the Durable Task worker's calls that it cancels itself are left out too:
/// it logs them as unexpected errors (it lets OperationCanceledException go, not gRPC's Cancelled),
/// but they are the stop, not a failure, and a failure of ours is reported by our own lines. Before
/// that, a cancelled call is shown: nothing of ours cancels one while running. The host's entry for
/// a port fseq cannot listen on is left out as well, as fseq reports it (<see cref="ListenFailure"/>).
/// </summary>
/// <param name="stopping">Whether the runtime has begun to stop.</param>
internal sealed class FseqConsoleFormatter(RuntimeStopping stopping) : ConsoleFormatter(Name)
{
    public new const string Name = "fseq";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string? message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null || IsWorkerStopping(logEntry.Category, logEntry.Exception) || IsReportedListenFailure(logEntry.Category, logEntry.Exception))
        {
            return;
        }

        textWriter.Write(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
        textWriter.Write(logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce: ",
            LogLevel.Debug => "dbug: ",
            LogLevel.Information => "info: ",
            LogLevel.Warning => "warn: ",
            LogLevel.Error => "fail: ",
            _ => "crit: ",
        });
        if (!logEntry.Category.StartsWith("FunctionsSequence", StringComparison.Ordinal) && logEntry.Category != "fseq")
        {
            textWriter.Write(logEntry.Category);
            textWriter.Write(": ");
        }

        textWriter.Write(message.ReplaceLineEndings(" "));
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(" (");
            textWriter.Write(exception.GetType().Name);
            textWriter.Write(": ");
            textWriter.Write(exception.Message.ReplaceLineEndings(" "));
            textWriter.Write(')');
        }

        textWriter.WriteLine();
    }

    private static bool IsReportedListenFailure(string category, Exception? exception) =>
        category == "Microsoft.Extensions.Hosting.Internal.Host" && ListenFailure.Is(exception);

    private bool IsWorkerStopping(string category, Exception? exception) =>
        stopping.Begun && category.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal) && exception is RpcException { StatusCode: StatusCode.Cancelled };
}
