using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.Tests.Shared;
using Xunit.Abstractions;

namespace FunctionsSequence.HostTests.Telemetry;

/// <summary>
/// The Functions app exports over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set: scenario 4 fired by
/// the source timer is one trace, source to display, across its orchestrations and activities,
/// received from the worker process by an OTLP/HTTP receiver in the test.
/// </summary>
[RunsLong(1)]
public sealed class TracingTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Scenario_4_fired_by_the_timer_is_one_trace_from_the_source_through_every_hop_to_the_display()
    {
        HostCommand command = HostAvailability.Ensure();
        await using OtlpReceiver receiver = await OtlpReceiver.StartAsync();
        var settings = new HostSettings(HostSettings.NewTaskHub("otel"), "samples/4-broker-trigger")
        {
            SourceTickSchedule = "*/5 * * * * *",
            Extra = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
            },
        };
        await using FunctionsHost host = await FunctionsHost.StartAsync(command, settings);

        string id = await FirstTick.FiredEventAsync(host, "CronJobSource cronjob-source");
        await host.Log.WaitForDisplayAsync($"\n  id: {id}\n");
        ReceivedSpan[] trace = await TraceOfAsync(receiver, id);

        Assert.NotEmpty(trace);
        output.WriteLine($"trace {trace[0].TraceId}:\n{OtlpReceiver.Tree(trace)}");
        Assert.Equal(ExpectedTraces.Scenario4, OtlpReceiver.Tree(trace));
        Assert.All(trace, span => Assert.Equal(id, span.Attributes.GetValueOrDefault("cloudevents.event_id")));
    }

    /// <summary>
    /// The spans of the trace the source started for event <paramref name="id"/>, once the whole expected tree has come
    /// (the exporter sends every second, and a parent span ends after its child, so it may come a batch later);
    /// what has come after 60 s otherwise.
    /// </summary>
    private static async Task<ReceivedSpan[]> TraceOfAsync(OtlpReceiver receiver, string id)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        ReceivedSpan[] trace = [];
        while (DateTime.UtcNow < deadline)
        {
            IReadOnlyList<ReceivedSpan> spans = receiver.Spans;
            if (spans.FirstOrDefault(s => s.Name == "CronJobSource cronjob-source" && s.Attributes.GetValueOrDefault("cloudevents.event_id") == id) is { } source)
            {
                trace = [.. spans.Where(s => s.TraceId == source.TraceId && s.Scope == "FunctionsSequence")];
                if (OtlpReceiver.Tree(trace) == ExpectedTraces.Scenario4)
                {
                    break;
                }
            }

            await Task.Delay(200);
        }

        return trace;
    }
}
