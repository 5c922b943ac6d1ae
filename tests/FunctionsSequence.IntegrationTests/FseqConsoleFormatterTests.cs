using FunctionsSequence.Cli.Runtime;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq's log lines: the Durable Task worker's own cancelled calls are left out once the runtime
/// stops, and only then; its real errors never are.
/// </summary>
public sealed class FseqConsoleFormatterTests
{
    private static readonly RpcException Cancelled = new(new Status(StatusCode.Cancelled, "Call canceled by the client."));

    [Theory]
    [InlineData("Microsoft.DurableTask.Worker.Grpc")]
    [InlineData("Microsoft.DurableTask")]
    public void The_workers_calls_cancelled_as_it_stops_are_left_out(string category)
    {
        var stopping = new RuntimeStopping();
        stopping.Begin();

        Assert.Empty(Format(category, Cancelled, stopping));
    }

    [Fact]
    public void A_call_cancelled_while_running_is_kept()
    {
        string line = Format("Microsoft.DurableTask.Worker.Grpc", Cancelled, new RuntimeStopping());

        Assert.Contains("fail: Microsoft.DurableTask.Worker.Grpc: Unexpected error in handling of instance ID 'x'. (RpcException: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.DurableTask.Worker.Grpc", StatusCode.Unavailable)]
    [InlineData("Grpc.Net.Client.Internal.GrpcCall", StatusCode.Cancelled)]
    public void Other_errors_are_kept_even_while_stopping(string category, StatusCode status)
    {
        var stopping = new RuntimeStopping();
        stopping.Begin();

        string line = Format(category, new RpcException(new Status(status, "gone")), stopping);

        Assert.Contains($"fail: {category}: Unexpected error in handling of instance ID 'x'. (RpcException: ", line, StringComparison.Ordinal);
    }

    private static string Format(string category, Exception exception, RuntimeStopping stopping)
    {
        var entry = new LogEntry<string>(LogLevel.Error, category, new EventId(1), "x", exception, (state, _) => $"Unexpected error in handling of instance ID '{state}'.");
        using var written = new StringWriter();
        new FseqConsoleFormatter(stopping).Write(entry, null, written);
        return written.ToString();
    }
}
