using FunctionsSequence.Cli.Runtime;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>fseq's log lines: the Durable Task worker's own cancelled calls at stop are left out, its real errors are not.</summary>
public sealed class FseqConsoleFormatterTests
{
    [Theory]
    [InlineData("Microsoft.DurableTask.Worker.Grpc")]
    [InlineData("Microsoft.DurableTask")]
    public void The_workers_calls_cancelled_as_it_stops_are_left_out(string category)
    {
        var cancelled = new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));

        Assert.Empty(Format(category, cancelled));
    }

    [Theory]
    [InlineData("Microsoft.DurableTask.Worker.Grpc", StatusCode.Unavailable)]
    [InlineData("Grpc.Net.Client.Internal.GrpcCall", StatusCode.Cancelled)]
    public void Other_errors_are_kept(string category, StatusCode status)
    {
        string line = Format(category, new RpcException(new Status(status, "gone")));

        Assert.Contains($"fail: {category}: Unexpected error in handling of instance ID 'x'. (RpcException: ", line, StringComparison.Ordinal);
    }

    private static string Format(string category, Exception exception)
    {
        var entry = new LogEntry<string>(LogLevel.Error, category, new EventId(1), "x", exception, (state, _) => $"Unexpected error in handling of instance ID '{state}'.");
        using var written = new StringWriter();
        new FseqConsoleFormatter().Write(entry, null, written);
        return written.ToString();
    }
}
