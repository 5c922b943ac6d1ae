using FunctionsSequence.HostTests.Hosting;

namespace FunctionsSequence.HostTests.Scenarios;

/// <summary>
/// The app refuses to start on invalid manifests, and the host's log says why with file, line and
/// field, as fseq does, without a stack trace around it.
/// </summary>
public sealed class InvalidManifestTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fseq-invalid-");

    public void Dispose() => folder.Delete(recursive: true);

    [SkippableFact]
    public async Task An_unknown_field_stops_the_app_with_its_file_line_and_field_and_no_stack_trace()
    {
        string file = Path.Combine(folder.FullName, "sequence.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: orders
            spec:
              steps:
                - uri: http://127.0.0.1:9/step
              replyy:
                uri: http://127.0.0.1:9/reply
            """);

        HostLog log = await FunctionsHost.StartRefusedAsync(
            HostAvailability.Ensure(), new HostSettings(HostSettings.NewTaskHub("badmanifest"), folder.FullName), "FunctionsSequence: the app does not start.");

        Assert.Single(log.Lines($"{file}:8: error: Sequence/orders spec.replyy: unknown field 'replyy'; did you mean 'reply'?"));
        Assert.Empty(log.Lines("Unhandled exception"));
        Assert.Empty(log.Lines("   at FunctionsSequence."));
    }

    [SkippableFact]
    public async Task A_delivery_timeout_that_does_not_fit_in_the_hosts_function_timeout_stops_the_app_with_its_file_line_and_field()
    {
        // The host would cut such an attempt off with its call, and the run would fail without Knative's retries or dead letter.
        string file = Path.Combine(folder.FullName, "slow.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: slow
            spec:
              steps:
                - uri: http://127.0.0.1:9/step
                  delivery:
                    timeout: PT1M
              reply: { uri: http://127.0.0.1:9/reply }
            """);
        var settings = new HostSettings(HostSettings.NewTaskHub("slowmanifest"), folder.FullName)
        {
            Extra = new Dictionary<string, string> { ["AzureFunctionsJobHost__functionTimeout"] = "00:02:00" },
        };

        HostLog log = await FunctionsHost.StartRefusedAsync(HostAvailability.Ensure(), settings, "FunctionsSequence: the app does not start.");

        Assert.Single(log.Lines($"{file}:9: error: Sequence/slow spec.steps[0].delivery.timeout: 'PT1M' does not fit in one call of the Functions app (functionTimeout 00:02:00)"));
    }
}
