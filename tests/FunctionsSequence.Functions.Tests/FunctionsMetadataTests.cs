using System.Text.Json;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Functions.Tests;

/// <summary>
/// The built functions.metadata is what the Functions host reads: these pin every function's
/// trigger, route, methods and auth level, so a renamed function or a wrong binding fails here.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string[] AllMethods = ["post", "options", "get", "put", "patch", "delete", "head"];

    private static readonly Dictionary<string, JsonElement> Functions = Load();

    private static Dictionary<string, JsonElement> Load()
    {
        string path = Path.Combine(RepoPaths.FunctionsOutput, "functions.metadata");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    private static JsonElement Trigger(string function)
    {
        Assert.True(Functions.ContainsKey(function), $"function {function} is missing; found: {string.Join(", ", Functions.Keys)}");
        return Functions[function].GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
    }

    private static bool HasDurableClient(string function) =>
        Functions[function].GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient");

    [Fact]
    public void Exactly_the_expected_functions_exist()
    {
        string[] expected =
        [
            FunctionNames.SourceTimer, FunctionNames.PurgeTimer, FunctionNames.SequenceIngress, FunctionNames.ParallelIngress, FunctionNames.BrokerIngress, FunctionNames.ServiceIngress,
            FunctionNames.TriggerDelivery, FunctionNames.EventDisplay, FunctionNames.DeadLetters, FunctionNames.DeadLetterRedrive,
            FunctionNames.InspectRuns, FunctionNames.InspectRun, FunctionNames.InspectEvent, FunctionNames.Dashboard,
            .. TaskNames.All,
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), Functions.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(FunctionNames.SequenceIngress, "sequences/{name}")]
    [InlineData(FunctionNames.ParallelIngress, "parallels/{name}")]
    [InlineData(FunctionNames.BrokerIngress, "brokers/{name}")]
    [InlineData(FunctionNames.ServiceIngress, "services/{name}")]
    public void Ingress_routes_match_the_local_runtime_take_every_method_and_need_a_function_key(string function, string route)
    {
        JsonElement trigger = Trigger(function);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(AllMethods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.True(HasDurableClient(function));
    }

    [Theory]
    [InlineData(FunctionNames.InspectRuns, "runs")]
    [InlineData(FunctionNames.InspectRun, "runs/{id}")]
    [InlineData(FunctionNames.InspectEvent, "events/{id}")]
    [InlineData(FunctionNames.Dashboard, "dashboard/{*path}")]
    public void Inspection_routes_match_the_local_runtime_take_every_method_and_need_a_function_key(string function, string route)
    {
        JsonElement trigger = Trigger(function);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        // Every method reaches the function, which answers all but GET and HEAD with 405 (ReadOnlyRoute), as fseq does.
        Assert.Equal(["get", "head", "post", "put", "patch", "delete", "options"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.True(HasDurableClient(function));
    }

    [Fact]
    public void Trigger_deliveries_come_through_an_event_grid_trigger_taking_batches_and_the_host_loads_its_extension()
    {
        JsonElement trigger = Trigger(FunctionNames.TriggerDelivery);
        string extensions = File.ReadAllText(Path.Combine(RepoPaths.FunctionsOutput, "extensions.json"));

        Assert.Equal("eventGridTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Many", trigger.GetProperty("cardinality").GetString());
        Assert.True(HasDurableClient(FunctionNames.TriggerDelivery));
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.EventGrid", extensions, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dead_letter_routes_match_the_local_runtime_and_need_a_function_key()
    {
        JsonElement list = Trigger(FunctionNames.DeadLetters);
        JsonElement redrive = Trigger(FunctionNames.DeadLetterRedrive);

        Assert.Equal(("deadletters", "Function"), (list.GetProperty("route").GetString(), list.GetProperty("authLevel").GetString()));
        Assert.Equal(("deadletters/{id}/redrive", "Function"), (redrive.GetProperty("route").GetString(), redrive.GetProperty("authLevel").GetString()));
        Assert.True(HasDurableClient(FunctionNames.DeadLetterRedrive));
    }

    [Fact]
    public void Display_is_a_function_key_protected_cloudevents_endpoint()
    {
        JsonElement trigger = Trigger(FunctionNames.EventDisplay);

        Assert.Equal("display", trigger.GetProperty("route").GetString());
        Assert.Equal(AllMethods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())); // other methods 405, as on fseq
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void Source_timer_runs_on_the_tick_setting_and_the_purge_timer_every_quarter_hour()
    {
        JsonElement trigger = Trigger(FunctionNames.SourceTimer);

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%SourceTickSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.True(HasDurableClient(FunctionNames.SourceTimer));
        JsonElement purge = Trigger(FunctionNames.PurgeTimer);
        Assert.Equal(("timerTrigger", "0 */15 * * * *"), (purge.GetProperty("type").GetString(), purge.GetProperty("schedule").GetString()));
        Assert.True(HasDurableClient(FunctionNames.PurgeTimer));
    }

    [Theory]
    [InlineData(TaskNames.SequenceOrchestrator, "orchestrationTrigger", false)]
    [InlineData(TaskNames.ParallelOrchestrator, "orchestrationTrigger", false)]
    [InlineData(TaskNames.TriggerOrchestrator, "orchestrationTrigger", false)]
    [InlineData(TaskNames.RunStep, "activityTrigger", true)]
    [InlineData(TaskNames.RunSequence, "activityTrigger", true)]
    [InlineData(TaskNames.DeliverReply, "activityTrigger", true)]
    [InlineData(TaskNames.DeliverToSubscriber, "activityTrigger", true)]
    [InlineData(TaskNames.DeadLetter, "activityTrigger", true)]
    public void Orchestrators_and_activities_are_named_as_Core_calls_them(string name, string type, bool needsClient)
    {
        Assert.Equal(type, Trigger(name).GetProperty("type").GetString());
        Assert.Equal(needsClient, HasDurableClient(name));
    }

    [Fact]
    public void Durable_extension_is_registered_and_host_json_and_manifests_ship_with_the_app()
    {
        string extensions = File.ReadAllText(Path.Combine(RepoPaths.FunctionsOutput, "extensions.json"));

        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask", extensions, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), File.ReadAllText(Path.Combine(RepoPaths.FunctionsOutput, "host.json")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.FunctionsOutput, "manifests", "4-broker-trigger.yaml")));
    }

    [Fact]
    public void Host_json_names_the_task_hub_from_a_setting_so_local_and_cloud_never_share_one()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")));

        Assert.Equal("%TaskHubName%", host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
        JsonElement http = host.RootElement.GetProperty("extensions").GetProperty("http");
        Assert.Equal("api", http.GetProperty("routePrefix").GetString());
        // Back-pressure in Azure: past these the host answers 429 instead of queueing without bound.
        Assert.True(http.GetProperty("maxOutstandingRequests").GetInt32() > 0);
        Assert.True(http.GetProperty("maxConcurrentRequests").GetInt32() > 0);
    }

    [Fact]
    public void Event_display_lines_are_never_sampled_away_by_Application_Insights()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")));
        JsonElement logging = host.RootElement.GetProperty("logging");

        // The isolated worker's logs reach Application Insights through the host: its sampling applies, by telemetry type.
        Assert.Contains("Trace", logging.GetProperty("applicationInsights").GetProperty("samplingSettings").GetProperty("excludedTypes").GetString()!.Split(';'));
        Assert.Equal("Information", logging.GetProperty("logLevel").GetProperty("FunctionsSequence").GetString());
    }
}
