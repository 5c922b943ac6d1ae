using System.Net;
using FunctionsSequence.Tests.Shared;
using Xunit.Abstractions;

namespace FunctionsSequence.IntegrationTests;

/// <summary><c>fseq run --otlp</c>: each event is one trace, a span per hop, exported over OTLP/HTTP (received here).</summary>
public sealed class TracingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Scenario_4_is_one_trace_from_the_source_through_every_hop_to_the_display()
    {
        await using OtlpReceiver receiver = await OtlpReceiver.StartAsync();

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", "samples/4-broker-trigger", "--once", "--port", "0", "--otlp", receiver.Endpoint.ToString());

        Assert.True(exit == 0, stderr);
        Assert.Single(DisplayBlocks.Parse(stdout));
        ReceivedSpan[] ours = [.. receiver.Spans.Where(s => s.Scope == "FunctionsSequence")];
        string trace = Assert.Single(ours.Select(s => s.TraceId).Distinct());
        output.WriteLine($"trace {trace}:\n{OtlpReceiver.Tree(ours)}");
        Assert.Equal(ExpectedTraces.Scenario4, OtlpReceiver.Tree(ours));
        Assert.All(ours, s => Assert.Equal(trace, s.TraceId));
        string source = ours.Single(s => s.Name == "CronJobSource cronjob-source").Attributes["cloudevents.event_id"];
        Assert.Equal(source, ours.Single(s => s.Name == "display event-display").Attributes["cloudevents.event_id"]);
    }

    [Fact]
    public async Task An_event_sent_in_with_a_traceparent_continues_that_trace_through_every_hop()
    {
        await using OtlpReceiver receiver = await OtlpReceiver.StartAsync();
        await using FseqProcess fseq = FseqProcess.Start("run", "samples/4-broker-trigger", "--port", "0", "--otlp", receiver.Endpoint.ToString());
        using var http = new HttpClient { BaseAddress = await fseq.WaitUntilListeningAsync() };
        string trace = Guid.NewGuid().ToString("N");
        const string Sender = "00f067aa0ba902b7";
        using HttpRequestMessage request = CloudEventRequests.Binary("/api/brokers/default", "traced-" + trace);
        request.Content!.Headers.Add("ce-traceparent", $"00-{trace}-{Sender}-01");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fseq.WaitForDisplayAsync($"id: traced-{trace}");
        // Until the whole tree is in: a parent span ends after its child and may come in the exporter's next batch.
        string expected = ExpectedTraces.Scenario4.Replace("CronJobSource cronjob-source", "Broker default ingress", StringComparison.Ordinal);
        ReceivedSpan[] spans = [];
        try
        {
            spans = await UntilAsync<ReceivedSpan[]>(() => [.. receiver.Spans.Where(s => s.TraceId == trace)], s => OtlpReceiver.Tree(s) == expected);
        }
        catch (OperationCanceledException)
        {
            spans = [.. receiver.Spans.Where(s => s.TraceId == trace)];
        }

        ReceivedSpan ingress = Assert.Single(spans, s => s.Name == "Broker default ingress");
        Assert.Equal(Sender, ingress.ParentSpanId);
        Assert.Equal(expected, OtlpReceiver.Tree(spans));
    }

    /// <summary>What <paramref name="read"/> gives once <paramref name="done"/> holds: the exporter sends in batches, every few seconds.</summary>
    private static async Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            T value = read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(200, cts.Token);
        }
    }
}
