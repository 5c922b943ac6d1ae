using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Steps;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// Where an event's CPU and memory go outside the engine: each part of the 3-step path timed alone
/// over a batch of 40 events, in microseconds and KiB allocated per event (<c>--parts</c>).
/// </summary>
internal static class Parts
{
    public static async Task RunAsync()
    {
        ManifestSet manifests = Scenarios.Manifests(3, CheckpointMode.Step);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IEventDisplaySink>(new NullSink());
        // Every event new, as in a run: the same 40 events again must not hit the ledger.
        services.AddSingleton<IDisplayLedger>(new ForgetfulLedger());
        services.AddAppSteps();
        services.AddFunctionsSequence(manifests);
        using ServiceProvider provider = services.BuildServiceProvider();
        var activities = provider.GetRequiredService<HopActivities>();
        string[] events = [.. Enumerable.Range(0, 40).Select(i => CloudEventJson.Encode(Scenarios.NewEvent($"p-{i}")))];
        var cloudEvent = Scenarios.NewEvent("p");

        await Time("encode a CloudEvent to JSON", 40, () => { _ = CloudEventJson.Encode(cloudEvent); return Task.CompletedTask; });
        await Time("decode a CloudEvent from JSON", 40, () => { _ = CloudEventJson.Decode(events[0]); return Task.CompletedTask; });
        byte[] body = """{"message": "Hello world!"}"""u8.ToArray();
        await Time("read a binary-mode request", 40, async () => { _ = await CloudEventHttpReader.ReadAsync(BinaryRequest(body).Request); });
        await Time("instance id (SHA-256)", 40, () => { _ = InstanceIds.For(RunTarget.Sequence("bench"), cloudEvent, null); return Task.CompletedTask; });
        var appender = new AppenderStep("0");
        var stepContext = new StepContext("bench", new Dictionary<string, string>());
        await Time("the seed's appender alone", 40, async () => { _ = await appender.InvokeAsync(cloudEvent, stepContext, default); });
        await Time("an attempt's bound and answer", 40, async () => { _ = await DeliveryAttempt.RunAsync(_ => ValueTask.FromResult<CloudEvent?>(cloudEvent), null, default); });
        await Time("the same three parts, 40 events", 1, async () =>
        {
            foreach (string json in events)
            {
                CloudEvent decoded = CloudEventJson.Decode(json);
                _ = await DeliveryAttempt.RunAsync(token => appender.InvokeAsync(decoded, stepContext, token), null, default);
            }
        }, perCall: 40);
        await Time("one step, 40 events", 1, () => activities.RunStepAsync(new StepInput(Hop.Step("bench", 0), [.. events.Select(e => new RunEvent(e))]), null!), perCall: 40);
        DeliveryResult[] results = await activities.RunStepAsync(new StepInput(Hop.Step("bench", 0), [.. events.Select(e => new RunEvent(e))]), null!);
        await Time("results to JSON and back", 1, () => { _ = JsonSerializer.Deserialize<DeliveryResult[]>(JsonSerializer.Serialize(results)); return Task.CompletedTask; }, perCall: 40);
        var replies = new ReplyInput(Hop.Step("bench", 0), [.. events.Select(e => new RunEvent(e))]);
        await Time("reply to event-display", 1, () => activities.DeliverReplyAsync(replies, null!), perCall: 40);
    }

    /// <summary>A request as the HTTP rows send it (ContentLength set, as Kestrel sets it from the header).</summary>
    private static DefaultHttpContext BinaryRequest(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.Headers["ce-specversion"] = "1.0";
        context.Request.Headers["ce-id"] = "e-1";
        context.Request.Headers["ce-source"] = "/apis/v1/namespaces/default/pingsources/bench";
        context.Request.Headers["ce-type"] = "dev.knative.sources.ping";
        return context;
    }

    private static async Task Time(string what, int repeat, Func<Task> action, int perCall = 1)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 1000)
        {
            await action(); // until the JIT has tiered the code up
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        int calls = 0;
        while (stopwatch.ElapsedMilliseconds < 1000)
        {
            for (int i = 0; i < repeat; i++)
            {
                await action();
            }

            calls += repeat;
        }

        double microsPerEvent = stopwatch.Elapsed.TotalMicroseconds / calls / perCall;
        double kibPerEvent = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / calls / perCall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-36} {microsPerEvent,8:0.0} µs {kibPerEvent,8:0.00} KiB per event"));
    }

    private sealed class ForgetfulLedger : IDisplayLedger
    {
        public ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<DisplayClaim>>([.. keys.Select(_ => DisplayClaim.Claimed)]);

        public ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class NullSink : IEventDisplaySink
    {
        public void Write(string block)
        {
        }
    }
}
