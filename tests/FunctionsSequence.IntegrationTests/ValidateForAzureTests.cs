namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// <c>fseq validate</c> says what the Functions app and Azure would refuse that fseq runs, so that a deploy is not the
/// first to tell: names Azure does not take, and, given the app's functionTimeout, timeouts that do not fit in it.
/// </summary>
public sealed class ValidateForAzureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Validate_checks_delivery_timeouts_against_a_function_timeout_only_when_given_one()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("fseq-validate-").FullName, "slow.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: slow\nspec:\n  steps:\n    - uri: http://127.0.0.1:9/\n      delivery:\n        timeout: PT9M\n  reply: { uri: http://127.0.0.1:9/reply }\n");

        var (fits, _, _) = await FseqProcess.RunToEndAsync(Timeout, "validate", file);
        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "validate", file, "--function-timeout", "00:10:00");

        Assert.Equal((0, 1), (fits, exit));
        Assert.StartsWith($"{file}:9: error: Sequence/slow spec.steps[0].delivery.timeout: 'PT9M' does not fit in one call of the Functions app (functionTimeout 00:10:00)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_azure_refuses_are_warned_about_and_fseq_runs_them()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("fseq-validate-").FullName, "names.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: default\n---\napiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: my.trigger\nspec:\n  broker: default\n  subscriber: { uri: http://127.0.0.1:9/ }\n");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "validate", file);

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("OK:", stdout, StringComparison.Ordinal);
        Assert.Equal(
            $"{file}:9: warning: Trigger/my.trigger metadata.name: 'my.trigger' cannot name an Event Grid subscription or the app's function trigger-my.trigger in Azure, which take letters, digits and '-': rename the Trigger; fseq runs it as it is\n",
            stderr);
    }

    [Fact]
    public async Task Checking_as_the_app_will_a_trigger_name_it_refuses_at_start_is_an_error()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("fseq-validate-").FullName, "short.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: default\n---\napiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: tr\nspec:\n  broker: default\n  subscriber: { uri: http://127.0.0.1:9/ }\n");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "validate", file, "--function-timeout", "00:10:00");

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal(
            $"{file}:9: error: Trigger/tr metadata.name: 'tr' has 2 characters, and an Event Grid subscription name takes 3 to 64: rename the Trigger; the Functions app does not start with it\n",
            stderr);
    }

    [Fact]
    public async Task A_function_timeout_that_leaves_no_room_for_an_attempt_without_a_timeout_is_warned_about_as_the_app_does()
    {
        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "validate", "samples/1-direct", "--function-timeout", "00:02:00");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("fseq: warning: functionTimeout 00:02:00 leaves no room for an attempt without a delivery.timeout (100 s at most)", stderr, StringComparison.Ordinal);
    }
}
