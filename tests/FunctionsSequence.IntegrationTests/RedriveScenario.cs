namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The redrive scenario, on fseq and on the Functions host: a Sequence whose step 0 echoes and
/// whose step 1 is <see cref="StepServer"/>'s flaky step (it fails an event's first two attempts)
/// with no retry and a dead-letter sink, replying to event-display. So the event is dead-lettered,
/// dead-lettered again by the first redrive, and displayed after the second.
/// </summary>
internal static class RedriveScenario
{
    public const string Sequence = "redriven";

    public static string Manifest(Uri steps)
    {
        string Url(string path) => new Uri(steps, path).ToString();
        return EventDisplayService.With($$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: {{Sequence}}
            spec:
              steps:
                - uri: {{Url("/echo")}}
                - uri: {{Url("/flaky")}}
                  delivery:
                    retry: 0
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """);
    }
}
