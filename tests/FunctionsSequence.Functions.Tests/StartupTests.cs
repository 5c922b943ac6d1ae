using System.Globalization;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Functions.Tests;

public sealed class StartupTests
{
    private static void Start(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddFunctionsSequenceApp(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void Invalid_manifests_stop_the_app_at_start_with_file_line_and_field()
    {
        string dir = Directory.CreateTempSubdirectory("fseq-functions-").FullName;
        string file = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(file, "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: s\nspec:\n  steps: []\n");

        var error = Assert.Throws<ManifestException>(() => Start(new() { ["FunctionsSequence:Manifests"] = dir }));

        Assert.Contains($"{file}:6: error: Sequence/s spec.steps: a Sequence needs at least one step", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Trigger_name_no_function_can_have_stops_the_app_at_start_with_file_line_and_field()
    {
        string dir = Directory.CreateTempSubdirectory("fseq-functions-").FullName;
        string file = Path.Combine(dir, "trigger.yaml");
        File.WriteAllText(file, """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: default
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to.display
            spec:
              broker: default
              subscriber:
                uri: http://127.0.0.1:1/
            """);

        var error = Assert.Throws<ManifestException>(() => Start(new() { ["FunctionsSequence:Manifests"] = dir }));

        Assert.Contains($"{file}:9: error: Trigger/to.display metadata.name: 'to.display' cannot name an Event Grid subscription or the app's function trigger-to.display", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_for_an_identity_without_a_table_service_stops_the_app_rather_than_keep_the_ledgers_in_memory()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Start(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
        }));

        Assert.StartsWith("App setting AzureWebJobsStorage names no Table service (AzureWebJobsStorage__blobServiceUri, AzureWebJobsStorage__queueServiceUri): set AzureWebJobsStorage__accountName or AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
        Start(new() { ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net" });
        Start(new() { ["AzureWebJobsStorage:accountName"] = "acct", ["AzureWebJobsStorage:credential"] = "managedidentity" });
    }

    [Fact]
    public void A_delivery_timeout_that_does_not_fit_in_a_function_call_stops_the_app_with_file_line_and_field()
    {
        string dir = Directory.CreateTempSubdirectory("fseq-functions-").FullName;
        string file = Path.Combine(dir, "slow.yaml");
        File.WriteAllText(file, "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: s\nspec:\n  steps:\n    - uri: http://127.0.0.1:9/\n      delivery:\n        timeout: PT5M\n  reply: { uri: http://127.0.0.1:9/reply }\n");
        Start(new() { ["FunctionsSequence:Manifests"] = dir, [FunctionTimeout.Setting] = "00:06:41" });

        var error = Assert.Throws<ManifestException>(() => Start(new() { ["FunctionsSequence:Manifests"] = dir, [FunctionTimeout.Setting] = "00:06:40" }));

        Assert.Contains($"{file}:9: error: Sequence/s spec.steps[0].delivery.timeout: 'PT5M' does not fit in one call of the Functions app (functionTimeout 00:06:40)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_timeout_is_host_jsons_unless_the_app_setting_overrides_it()
    {
        string dir = Directory.CreateTempSubdirectory("fseq-functions-").FullName;
        IConfiguration none = new ConfigurationBuilder().Build();
        IConfiguration overridden = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [FunctionTimeout.Setting] = "00:02:00" }).Build();

        Assert.Equal(TimeSpan.FromMinutes(10), FunctionTimeout.Read(none, RepoPaths.Root)); // the host.json the app ships
        Assert.Equal(TimeSpan.FromMinutes(2), FunctionTimeout.Read(overridden, RepoPaths.Root));
        Assert.Null(FunctionTimeout.Read(none, dir)); // no host.json: the plan's default, unknown here
        File.WriteAllText(Path.Combine(dir, "host.json"), """{ "version": "2.0", /* unbounded */ "functionTimeout": "-1" }""");
        Assert.Null(FunctionTimeout.Read(none, dir));
    }

    [Theory]
    [InlineData("00:10:00", "00:09:00")] // the source clock's wake: a tenth left for its cursor
    [InlineData("00:01:00", "00:00:30")] // at least half a minute left
    [InlineData("00:00:10", "00:00:05")] // or half of a shorter one
    [InlineData("2.00:00:00", null)] // too long to matter
    [InlineData(null, null)] // no limit the worker knows
    public void The_work_budget_of_a_call_stops_short_of_the_function_timeout(string? functionTimeout, string? budget) =>
        Assert.Equal(
            budget is null ? null : TimeSpan.Parse(budget, CultureInfo.InvariantCulture),
            FunctionTimeout.WorkBudget(functionTimeout is null ? null : TimeSpan.Parse(functionTimeout, CultureInfo.InvariantCulture)));

    [Fact]
    public void A_topic_for_a_broker_that_is_not_in_the_manifests_stops_the_app()
    {
        var error = Assert.Throws<ManifestException>(() => Start(new()
        {
            ["FunctionsSequence:Manifests"] = Path.Combine(RepoPaths.Root, "samples", "4-broker-trigger"),
            ["FunctionsSequence:Brokers:defualt:TopicEndpoint"] = "https://t.westeurope-1.eventgrid.azure.net/api/events",
        }));

        Assert.Contains("names Broker 'defualt', which is not in the manifests (Brokers: default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_whose_name_holds_a_dash_is_configured_with_an_underscore_as_setting_names_require()
    {
        string dir = Directory.CreateTempSubdirectory("fseq-functions-").FullName;
        File.WriteAllText(Path.Combine(dir, "broker.yaml"), "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: my-broker\n");
        const string Endpoint = "https://t.westeurope-1.eventgrid.azure.net/api/events";

        Start(new() { ["FunctionsSequence:Manifests"] = dir, ["FunctionsSequence:Brokers:my_broker:TopicEndpoint"] = Endpoint });
        var error = Assert.Throws<ManifestException>(() => Start(new() { ["FunctionsSequence:Manifests"] = dir, ["FunctionsSequence:Brokers:my_brokr:TopicEndpoint"] = Endpoint }));

        Assert.Contains("names Broker 'my-brokr', which is not in the manifests (Brokers: my-broker; write '-' as '_' in setting names)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxEvents", "0", "the largest batch must hold at least 1 event")]
    [InlineData("MaxWaitMilliseconds", "20000", "the wait must be between 0 and 10 s")]
    public void An_invalid_batching_setting_stops_the_app_and_names_the_setting(string setting, string value, string why)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Start(new()
        {
            ["FunctionsSequence:Manifests"] = Path.Combine(RepoPaths.Root, "samples", "4-broker-trigger"),
            [$"FunctionsSequence:Batching:{setting}"] = value,
        }));

        Assert.Contains($"App setting FunctionsSequence__Batching__{setting} is invalid: {why}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxInFlight", "0")]
    [InlineData("DedupWindowHours", "0")]
    [InlineData("KeepRunsHours", "-1")]
    public void A_window_that_is_not_positive_stops_the_app_and_names_the_setting(string setting, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Start(new()
        {
            ["FunctionsSequence:Manifests"] = Path.Combine(RepoPaths.Root, "samples", "4-broker-trigger"),
            [$"FunctionsSequence:{setting}"] = value,
        }));

        Assert.Equal($"App setting FunctionsSequence__{setting} must be positive, not {value}", error.Message);
    }

    [Fact]
    public void Runs_kept_for_less_than_the_dedup_window_stop_the_app()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Start(new()
        {
            ["FunctionsSequence:Manifests"] = Path.Combine(RepoPaths.Root, "samples", "4-broker-trigger"),
            ["FunctionsSequence:DedupWindowHours"] = "24",
            ["FunctionsSequence:KeepRunsHours"] = "2",
        }));

        Assert.StartsWith("App setting FunctionsSequence__KeepRunsHours (2) must be at least FunctionsSequence__DedupWindowHours (24)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_manifests_are_the_ones_shipped_with_the_app()
    {
        ServiceProvider services = new ServiceCollection().AddLogging()
            .AddFunctionsSequenceApp(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        Assert.Contains("default", services.GetRequiredService<ManifestSet>().Brokers.Keys);
    }

    [Fact]
    public void What_the_manifests_hold_and_their_warnings_are_written_to_the_console_the_host_logs()
    {
        string dir = Directory.CreateTempSubdirectory("fseq-functions-").FullName;
        string file = Path.Combine(dir, "broker.yaml");
        File.WriteAllText(file, "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: b\n  annotations:\n    eventing.knative.dev/broker.class: Kafka\n");
        using var console = new StringWriter();

        ManifestSet manifests = AppManifests.Load(new AppOptions { Manifests = dir }, functionTimeout: null, console);

        Assert.Single(manifests.Brokers);
        string[] lines = console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"FunctionsSequence: {file}:6: warning: Broker/b ", lines[0], StringComparison.Ordinal);
        Assert.Equal($"FunctionsSequence: manifests {dir}: 0 Sequence(s), 0 Parallel(s), 1 Broker(s), 0 Trigger(s), 0 source(s), 0 Service(s).", lines[1]);
    }

    [Fact]
    public void A_manifest_path_that_is_not_there_is_said_to_come_from_the_app_setting()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fseq-nowhere-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<ManifestException>(() => AppManifests.Load(new AppOptions { Manifests = missing }, functionTimeout: null, TextWriter.Null));

        Assert.Contains($"{missing}: error: (path): no such file or folder", error.Message, StringComparison.Ordinal);
        Assert.Equal("(path)", Assert.Single(error.Diagnostics).Field);
        Assert.EndsWith($"The paths come from app setting FunctionsSequence__Manifests ('{missing}'; relative ones from {Environment.CurrentDirectory}).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:03:20", true)]
    [InlineData("00:03:21", false)]
    public void A_function_timeout_too_short_for_an_attempt_without_a_timeout_and_a_reply_is_warned_of(string functionTimeout, bool warned)
    {
        using var console = new StringWriter();

        AppManifests.Load(new AppOptions { Manifests = Path.Combine(RepoPaths.Root, "samples", "4-broker-trigger") }, TimeSpan.Parse(functionTimeout, CultureInfo.InvariantCulture), console);

        Assert.Equal(warned, console.ToString().Contains($"FunctionsSequence: warning: functionTimeout {functionTimeout} leaves no room for an attempt without a delivery.timeout (100 s at most)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0 * * * * *", true)]
    [InlineData("*/15 * * * * *", false)]
    public void A_source_that_ticks_more_often_than_the_source_timer_wakes_is_warned_of(string sourceTickSchedule, bool warned)
    {
        string dir = Directory.CreateTempSubdirectory("fseq-functions-").FullName;
        string file = Path.Combine(dir, "ping.yaml");
        File.WriteAllText(file, "apiVersion: sources.knative.dev/v1\nkind: PingSource\nmetadata:\n  name: fast\nspec:\n  schedule: \"*/15 * * * * *\"\n  sink:\n    uri: http://example.com/\n");
        using var console = new StringWriter();

        AppManifests.Load(new AppOptions { Manifests = dir }, functionTimeout: null, console, CronSchedule.Parse(sourceTickSchedule));

        Assert.Equal(warned, console.ToString().Contains(
            $"FunctionsSequence: {file}:1: warning: PingSource/fast spec.schedule: '*/15 * * * * *' ticks twice between two wakes of the app's source timer (SourceTickSchedule '{sourceTickSchedule}')",
            StringComparison.Ordinal));
    }
}
