using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>HTTP steps against servers that close their connections: a request that never reached the server is not a failed attempt.</summary>
public sealed class HttpStepTests : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly HttpClient http = new();
    private int requests;

    public HttpStepTests() => listener.Start();

    private Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/step");

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        http.Dispose();
        stop.Dispose();
    }

    private static CloudEvent Event(int i) => new() { Id = $"e-{i}", Source = new Uri("/test", UriKind.Relative), Type = "t" };

    [Fact]
    public async Task A_server_that_drops_a_kept_alive_connection_does_not_fail_the_step()
    {
        // Answers the first request of each connection (keep-alive, as HTTP/1.1 implies) and drops the next.
        _ = ServeAsync(answerFirst: true);
        var step = new HttpStep(http, Address);

        for (int i = 0; i < 10; i++)
        {
            Assert.Null(await step.InvokeAsync(Event(i), new StepContext("step", new Dictionary<string, string>()), default));
        }

        Assert.True(Volatile.Read(ref requests) >= 10);
    }

    [Fact]
    public async Task A_server_that_never_answers_still_fails_the_attempt_after_one_more_send()
    {
        _ = ServeAsync(answerFirst: false);
        var step = new HttpStep(http, Address);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => step.InvokeAsync(Event(0), new StepContext("step", new Dictionary<string, string>()), default).AsTask());

        Assert.True(error.Retryable);
        Assert.Equal(2, Volatile.Read(ref requests));

        // What the transport said, beneath HttpClient's "An error occurred while sending the request.".
        Assert.Matches(@"^POST http://127\.0\.0\.1:\d+/step failed: .+ \(.+\)$", error.Message);
    }

    private async Task ServeAsync(bool answerFirst)
    {
        while (!stop.IsCancellationRequested)
        {
            using TcpClient connection = await listener.AcceptTcpClientAsync(stop.Token);
            NetworkStream stream = connection.GetStream();
            await ReadRequestAsync(stream);
            Interlocked.Increment(ref requests);
            if (answerFirst)
            {
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), stop.Token);
                await ReadRequestAsync(stream); // the client reuses the connection: drop it unanswered
            }
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body), or returns when the client goes.</summary>
    private async Task ReadRequestAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                return;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        string head = text.ToString();
        int length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        int received = head.Length - head.IndexOf("\r\n\r\n", StringComparison.Ordinal) - 4;
        while (received < length)
        {
            int read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                return;
            }

            received += read;
        }
    }
}
