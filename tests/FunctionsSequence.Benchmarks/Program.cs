using System.Globalization;
using System.Net.Sockets;
using FunctionsSequence.Benchmarks;
using FunctionsSequence.Cli.Engine;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;

// Measures the Sequence runtime against its baselines in one run on one machine: the step code
// alone (the physical limit) and the bare Durable Task engine (what the engine alone costs), then
// the runtime via Core and via HTTP, at saturation and at a fixed offered load, in memory and on
// Azurite. Prints a table and a last RESULT line. Options: --quick (smaller runs), --no-azurite,
// --chart FILE (an SVG bar chart of the 3-step rows), --batch-wait MS (the real-host rows' batching wait).
if (LoadProcess.IsChild(args))
{
    // The HTTP load generator of the "sender apart" rows, started by the benchmark itself.
    await LoadProcess.RunChildAsync(args);
    return;
}

bool quick = args.Contains("--quick");
if (ValueOf(args, "--batch-wait") is { } batchWait)
{
    // The real-host rows' batching wait, for both apps (FunctionsSequence__Batching__MaxWaitMilliseconds, fseq --batch-wait).
    HostComparison.BatchWait = TimeSpan.FromMilliseconds(int.Parse(batchWait, CultureInfo.InvariantCulture));
}

// The real-host rows' fseq as a process of its own, printing as a user sees it, unless --fseq-in-process (HostBench.FseqAsProcess).
HostBench.FseqAsProcess = !args.Contains("--fseq-in-process");

if (args.Contains("--profile"))
{
    // One long warm run of the 3-step per-step case via Core, for a CPU profiler to look at.
    await Scenarios.RuntimeAsync(3, CheckpointMode.Step, new EngineOptions(), Via.Core, 3000, null);
    Console.WriteLine((await Scenarios.RuntimeAsync(3, CheckpointMode.Step, new EngineOptions(), Via.Core, 150000, null)).Row);
    return;
}

if (args.Contains("--profile-http"))
{
    // The same via HTTP, the sender in a process of its own: a profile of this process is the
    // runtime's alone (Kestrel, ingress, engine, steps).
    await Scenarios.RuntimeAsync(3, CheckpointMode.Step, new EngineOptions(), Via.HttpApart, 3000, null);
    Console.WriteLine((await Scenarios.RuntimeAsync(3, CheckpointMode.Step, new EngineOptions(), Via.HttpApart, 200000, null)).Row);
    return;
}

if (args.Contains("--profile-bare"))
{
    await BareEngine.RunAsync(3, 3000, new EngineOptions(), 45, 4);
    Console.WriteLine(await BareEngine.RunAsync(3, 40000, new EngineOptions(), 45, 4));
    return;
}

if (args.Contains("--parts"))
{
    await Parts.RunAsync();
    return;
}

if (args.Contains("--focus"))
{
    // Only the overhead rounds of a full run (below), to look at the overhead alone; --rounds N
    // for another count (with tiering on, the JIT takes about five rounds to settle), --events N
    // for rows of another length than a full run's 4,000 events.
    int focusRounds = ValueOf(args, "--rounds") is { } roundsText ? int.Parse(roundsText, CultureInfo.InvariantCulture) : 9;
    int focusEvents = ValueOf(args, "--events") is { } eventsText ? int.Parse(eventsText, CultureInfo.InvariantCulture) : 4000;
    foreach (OverheadRound round in await Scenarios.OverheadRoundsAsync(focusRounds, focusEvents))
    {
        foreach (Measurement row in new[] { round.Core, round.Http, round.Apart, round.Bare, round.BareHttp, round.BareApart })
        {
            Console.WriteLine(row);
        }
    }

    return;
}

if (args.Contains("--host-storage"))
{
    // Only the storage counts of the real-host comparison, for tuning what each event costs
    // (--host-storage host: of the Functions app alone).
    if (FunctionsHostTarget.Command is { } hostCommand)
    {
        await HostBench.CountStorageAsync(args.Contains("--quick"), hostCommand, withFseq: ValueOf(args, "--host-storage") != "host");
    }

    return;
}

if (args.Contains("--host-profile"))
{
    // The Functions app on the real host under the saturation load for half a minute or so, for a
    // profiler to attach to the host and worker processes.
    if (FunctionsHostTarget.Command is { } profiled)
    {
        (Measurement saturation, Measurement offered) = await HostBench.ProfileAsync(profiled);
        Console.WriteLine(saturation);
        Console.WriteLine(offered);
    }

    return;
}

if (args.Contains("--host-scale-out"))
{
    // The Functions app on one instance and on two on one task hub, as Azure scales it out.
    if (FunctionsHostTarget.Command is { } scaled)
    {
        Console.WriteLine(Measurement.Header);
        await HostBench.ScaleOutAsync(scaled, 2, Console.WriteLine);
    }

    return;
}

if (args.Contains("--host"))
{
    // Only the real-host comparison (below); --host-quick for a shorter one, --no-count without the storage counts.
    Console.WriteLine(Measurement.Header);
    HostRows? only = await HostBench.HostRowsAsync(args.Contains("--host-quick"), Console.WriteLine, countStorage: !args.Contains("--no-count"));
    Console.WriteLine(only is null ? "No Functions host on this machine: see tests/FunctionsSequence.HostTests' HostCommand." : "RESULT " + only.ResultKeys());

    return;
}

if (args.Contains("--azurite-only"))
{
    // For tuning the storage backend: just its rows, twice (rows that drift apart show a leak).
    var storage = new EngineOptions { StorageConnectionString = EngineOptions.Azurite, Concurrency = 100 };
    Console.WriteLine(await BareEngine.RunAsync(3, 100, storage));
    for (int i = 0; i < 2; i++)
    {
        Console.WriteLine((await Scenarios.RuntimeAsync(3, CheckpointMode.Step, storage, Via.Http, 600, null)).Row);
        Console.WriteLine((await Scenarios.RuntimeAsync(3, CheckpointMode.Sequence, storage, Via.Http, 600, null)).Row);
    }
    return;
}

bool azurite = !args.Contains("--no-azurite") && AzuriteIsUp();
int scale = quick ? 1 : 3;
var inMemory = new EngineOptions();
var onAzurite = new EngineOptions { StorageConnectionString = EngineOptions.Azurite, Concurrency = 100 };
var rows = new List<Measurement>();
void Report(Measurement m)
{
    rows.Add(m);
    Console.WriteLine(m);
}

Console.WriteLine($"FunctionsSequence benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(quick ? "quick" : "full")} run{(azurite ? "" : ", Azurite not running: storage rows skipped")}");
Console.WriteLine(Measurement.Header);

var direct = new Dictionary<int, Measurement>();
var engine = new Dictionary<int, Measurement>();
foreach (int steps in new[] { 1, 3, 10 })
{
    direct[steps] = await Scenarios.DirectAsync(steps, TimeSpan.FromSeconds(1));
    Report(direct[steps]);
    // Enough work for a few seconds, so warm-up and scheduling noise do not set the figure.
    engine[steps] = await BareEngine.RunAsync(steps, 2000 * scale / (steps + 1), inMemory);
    Report(engine[steps]);
}

MemoryFigures? memory = null;
Measurement? http3 = null;
Measurement? fixed3 = null;
Measurement? fast3 = null;
Measurement? unbatched3 = null;
foreach (int steps in new[] { 1, 3, 10 })
{
    int events = 600 * scale / (steps + 1) * 4;
    (Measurement core, _) = await Scenarios.RuntimeAsync(steps, CheckpointMode.Step, inMemory, Via.Core, events, null);
    Report(core);
    (Measurement http, MemoryFigures m) = await Scenarios.RuntimeAsync(steps, CheckpointMode.Step, inMemory, Via.Http, events, null);
    Report(http);
    if (steps == 3)
    {
        Report((await Scenarios.RuntimeAsync(steps, CheckpointMode.Step, inMemory, Via.HttpApart, events, null)).Row);
    }

    (Measurement fast, _) = await Scenarios.RuntimeAsync(steps, CheckpointMode.Sequence, inMemory, Via.Http, events, null);
    Report(fast);
    if (steps != 3)
    {
        Report((await Scenarios.RuntimeAsync(steps, CheckpointMode.Step, inMemory, Via.Http, 200 * scale, 100)).Row);
    }
    else
    {
        (http3, memory, fast3) = (http, m, fast);
        // The same design without sharing runs, and the bare engine with runs as full as ours were.
        (unbatched3, _) = await Scenarios.RuntimeAsync(steps, CheckpointMode.Step, inMemory, Via.Http, 600 * scale / (steps + 1) * 2, null, new BatchingOptions { MaxEvents = 1 });
        Report(unbatched3);
        Report(await BareEngine.RunAsync(steps, events, inMemory, Math.Max(1, (int)Math.Round(core.EventsPerRun)), new BatchingOptions().MaxInFlight));
        (fixed3, _) = await Scenarios.RuntimeAsync(steps, CheckpointMode.Step, inMemory, Via.Http, 300 * scale, 100);
        Report(fixed3);
        Report((await Scenarios.RuntimeAsync(steps, CheckpointMode.Step, inMemory, Via.Core, 300 * scale, 100)).Row);
        (Measurement fixedFast, _) = await Scenarios.RuntimeAsync(steps, CheckpointMode.Sequence, inMemory, Via.Http, 300 * scale, 100);
        Report(fixedFast);
    }
}

Measurement? storage3 = null;
Measurement? storageFast3 = null;
if (azurite)
{
    // Smaller counts: the storage rows are the slow ones (see docs/performance.md).
    Report(await BareEngine.RunAsync(3, 100, onAzurite));
    (storage3, _) = await Scenarios.RuntimeAsync(3, CheckpointMode.Step, onAzurite, Via.Http, 300 * scale, null);
    Report(storage3);
    (storageFast3, _) = await Scenarios.RuntimeAsync(3, CheckpointMode.Sequence, onAzurite, Via.Http, 300 * scale, null);
    Report(storageFast3);
}

HostRows? host = azurite && !args.Contains("--no-host") ? await HostBench.HostRowsAsync(quick, Report) : null;

// The overhead ratio from one pair of rows can be a third off on a noisy machine: the pair is
// run again in alternating rounds and the median ratio is the figure.
// Rounds of a few thousand events: shorter ones were mostly ramp-up and tail (ratios 0.9-2.2).
IReadOnlyList<OverheadRound> rounds = await Scenarios.OverheadRoundsAsync(quick ? 3 : 9, quick ? 1500 : 4000);
double overhead = Median(rounds.Select(r => r.Ratio));
double overheadHttp = Median(rounds.Select(r => r.HttpRatio));
double overheadHttpAlike = Median(rounds.Select(r => r.HttpAlikeRatio));
double overheadHttpAlikeCpu = Median(rounds.Select(r => r.HttpAlikeCpuRatio));
double overheadApart = Median(rounds.Select(r => r.ApartAlikeRatio));
double overheadApartCpu = Median(rounds.Select(r => r.ApartAlikeCpuRatio));
double engineBatched = Median(rounds.Select(r => r.Bare.EventsPerSecond));
// The same comparison in CPU time per event: what each costs, whatever the waits.
double overheadCpu = Median(rounds.Select(r => r.CpuRatio));
// The least any runtime on this engine could cost per event: the engine's share (bare, batched)
// plus the step code's own work (direct), spread over the cores as the engine's is.
double overheadOverWork = Median(rounds.Select(r =>
    (1 / r.Core.EventsPerSecond) / ((1 / r.Bare.EventsPerSecond) + (1 / (direct[3].EventsPerSecond * Environment.ProcessorCount)))));

Console.WriteLine();
Console.WriteLine(FormattableString.Invariant(
    $"memory: peak working set {memory!.PeakWorkingSetMiB:0} MiB; at most {memory.PeakInFlight} events in flight, {memory.KiBPerInFlightEvent:0.0} KiB of managed heap each"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"overhead rounds (3 steps, per step; events/s via Core, via HTTP, via HTTP with the sender apart, bare engine batched alike): {string.Join("; ", rounds.Select(r => $"{r.Core.EventsPerSecond:0}, {r.Http.EventsPerSecond:0}, {r.Apart.EventsPerSecond:0}, {r.Bare.EventsPerSecond:0}"))}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"overhead: the 3-step Sequence (per step) runs at 1/{overhead:0.00} of the bare engine's rate with the same runs of no-op activities via Core, 1/{overheadHttp:0.00} via HTTP (medians of {rounds.Count} rounds: {string.Join(", ", rounds.Select(r => r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)))} via Core); " +
    $"via HTTP against the bare engine with runs as full as the HTTP row's (median {rounds.Select(r => r.Http.EventsPerRun).Median():0.0} events per run against {rounds.Select(r => r.Core.EventsPerRun).Median():0.0} via Core): {overheadHttpAlike:0.00}x, in CPU time per event {overheadHttpAlikeCpu:0.00}x; " +
    $"via HTTP with the sender in another process, against the bare engine with runs as full as that row's (median {rounds.Select(r => r.Apart.EventsPerRun).Median():0.0} events per run): {overheadApart:0.00}x, in the runtime process's CPU time per event {overheadApartCpu:0.00}x ({string.Join(", ", rounds.Select(r => r.ApartAlikeCpuRatio.ToString("0.00", CultureInfo.InvariantCulture)))}); " +
    $"in CPU time per event {overheadCpu:0.00}x ({string.Join(", ", rounds.Select(r => r.CpuRatio.ToString("0.00", CultureInfo.InvariantCulture)))}); " +
    $"counting the step code's own work (the direct row, over {Environment.ProcessorCount} cores) as work, not overhead: {overheadOverWork:0.00}x via Core; " +
    $"sharing runs makes it {http3!.EventsPerSecond / unbatched3!.EventsPerSecond:0.0}x the rate with a run per event and {http3.EventsPerSecond / engine[3].EventsPerSecond:0.0}x the bare engine's rate with a run per event"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT events_per_s={http3.EventsPerSecond:0.0} p50_ms={fixed3!.P50:0.0} p99_ms={fixed3.P99:0.0} engine_events_per_s={engine[3].EventsPerSecond:0.0} direct_events_per_s={direct[3].EventsPerSecond:0} " +
    $"engine_batched_events_per_s={engineBatched:0.0} events_per_run={http3.EventsPerRun:0.0} overhead_x={overhead:0.00} overhead_http_x={overheadHttp:0.00} overhead_http_alike_x={overheadHttpAlike:0.00} overhead_http_alike_cpu_x={overheadHttpAlikeCpu:0.00} overhead_http_apart_x={overheadApart:0.00} overhead_http_apart_cpu_x={overheadApartCpu:0.00} overhead_cpu_x={overheadCpu:0.00} overhead_over_engine_and_steps_x={overheadOverWork:0.00} run_per_event_events_per_s={unbatched3.EventsPerSecond:0.0} " +
    $"per_sequence_events_per_s={fast3!.EventsPerSecond:0.0} azurite_events_per_s={(storage3?.EventsPerSecond ?? double.NaN):0.0} azurite_per_sequence_events_per_s={(storageFast3?.EventsPerSecond ?? double.NaN):0.0} " +
    $"peak_memory_mb={memory.PeakWorkingSetMiB:0} memory_per_inflight_kb={memory.KiBPerInFlightEvent:0.0}{(host is null ? "" : " " + host.ResultKeys())}"));

if (ValueOf(args, "--chart") is { } chart)
{
    File.WriteAllText(chart, SvgChart.Render(rows.Where(r => r.Steps == 3).ToList(), "FunctionsSequence: 3-step Sequence on 2 cores"));
}

static double Median(IEnumerable<double> values) => values.Median();

// The argument after an option (--rounds 5, --chart FILE), or null when the option or its value is missing.
static string? ValueOf(string[] args, string option) => args.SkipWhile(a => a != option).Skip(1).FirstOrDefault();

static bool AzuriteIsUp()
{
    try
    {
        using var client = new TcpClient();
        return client.ConnectAsync("127.0.0.1", 10000).Wait(TimeSpan.FromSeconds(1));
    }
    catch (AggregateException)
    {
        return false;
    }
}
