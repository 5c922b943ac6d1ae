using System.Xml;
using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// Sequences, a Broker and Triggers whose HTTP steps and sinks are the <see cref="StepServer"/>'s,
/// for the delivery tests on fseq and on the Functions host alike: linear and exponential
/// back-off, a step read in structured mode that asks for time with Retry-After, 422 into a dead-letter sink (also in one checkpoint), a redirect that is not followed, per-attempt timeouts, a step
/// whose reply is an invalid CloudEvent, a step with no dead-letter sink, a dead-letter sink that
/// refuses for good and one that takes the event on its third attempt, a reply that does so too, one refused for good, one never taken, both again with a dead-letter sink on the last step, and a Broker whose Triggers get garbage, a flaky subscriber and its
/// reply.
/// </summary>
public static class DeliveryScenario
{
    /// <summary>
    /// What <c>busy-structured</c> must have done with event <paramref name="id"/>, once it reached the sink: sent it to
    /// the step in structured mode (<c>format: json</c>) twice, the retry after the 3 s the step's 429 asked for
    /// (<c>retryAfterMax</c>; the back-off alone would retry at once).
    /// </summary>
    public static void AssertRetriedAfterAskedInStructuredMode(StepServer steps, string id)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var requests = steps.Received.Where(r => r.Path == "/busy" && r.Body.Contains($"\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.StartsWith("application/cloudevents+json", r.Headers["content-type"], StringComparison.Ordinal));
        IReadOnlyList<DateTimeOffset> attempts = steps.AttemptsOf("/busy", id);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromSeconds(2.9), $"retried {(attempts[1] - attempts[0]).TotalSeconds:0.00} s after the 429, which asked for 3 s");
        Assert.Single(steps.At("/sink", id));
    }

    /// <summary>
    /// What <c>down-reply</c> must have done with event <paramref name="id"/>, its run failed: tried its reply 5 times, once
    /// from the last step's activity and 4 times from the reply's own, and said so in the run's failure.
    /// </summary>
    public static void AssertReplyGivenUpAfterEveryTry(RunDetail run, StepServer steps, string id)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(steps);
        Uri down = new(steps.BaseAddress, "/down");
        Assert.Equal(5, steps.AttemptsOf("/down", id).Count);
        Assert.Equal($"the reply failed: 1 of 1 event(s) not delivered; 1 not taken after 5 tries (event {id}: POST {down} answered 503 Service Unavailable)", run.Run.Failure);
    }

    /// <summary>The manifests, their URIs on <paramref name="steps"/>; <paramref name="exponentialDelay"/> is the first back-off of <c>flaky-exponential</c>.</summary>
    public static string Manifest(StepServer steps, TimeSpan exponentialDelay)
    {
        ArgumentNullException.ThrowIfNull(steps);
        string Url(string path) => new Uri(steps.BaseAddress, path).ToString();
        string delay = XmlConvert.ToString(exponentialDelay);

        // A Sequence whose one step answers and has a dead-letter sink, and whose reply goes to replyPath.
        string DeadLettered(string name, string replyPath, string annotations = "{}") =>
            $$$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: {{{name}}}
              annotations: {{{annotations}}}
            spec:
              steps:
                - uri: {{{Url("/answer")}}}
                  delivery: { deadLetterSink: { uri: {{{Url("/dls")}}} } }
              reply: { uri: {{{Url(replyPath)}}} }
            """;
        return $$"""
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-linear
            spec:
              steps:
                - uri: {{Url("/flaky")}}
                  delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT0.3S }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: busy-structured
            spec:
              steps:
                # Linear from n = 0: the first retry would be at once, but for the 3 s the step asks for.
                - uri: {{Url("/busy")}}
                  delivery: { format: json, retry: 2, backoffPolicy: linear, backoffDelay: PT0.1S, retryAfterMax: PT10S }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: retry-across-restart
            spec:
              steps:
                # Linear from n = 0: the first retry at once, the second 15 s later, time for the app to restart.
                - uri: {{Url("/flaky")}}
                  delivery: { retry: 2, backoffPolicy: linear, backoffDelay: PT15S }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-exponential
            spec:
              steps:
                - uri: {{Url("/flaky")}}
                  delivery: { retry: 3, backoffPolicy: exponential, backoffDelay: {{delay}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: rejecting
            spec:
              steps:
                - uri: {{Url("/reject")}}
                  delivery:
                    retry: 3
                    backoffDelay: PT0.1S
                    backoffPolicy: exponential
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: redirected
            spec:
              steps:
                - uri: {{Url("/moved")}}
                  delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT0.1S, deadLetterSink: { uri: {{Url("/dls")}} } }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: rejecting-in-one-checkpoint
              annotations: { functionssequence.dev/checkpoint: sequence }
            spec:
              steps:
                - uri: {{Url("/flaky")}}
                  delivery: { retry: 3, backoffPolicy: exponential, backoffDelay: PT0.1S }
                - uri: {{Url("/reject")}}
                  delivery:
                    retry: 3
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: slow
            spec:
              steps:
                - uri: {{Url("/slow")}}
                  delivery:
                    retry: 1
                    timeout: PT0.5S
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: reply-answers-badly
            spec:
              steps:
                - uri: {{Url("/echo")}}
              reply: { uri: {{Url("/bad-reply")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: bad-reply
            spec:
              steps:
                - uri: {{Url("/bad-reply")}}
                  delivery:
                    retry: 1
                    deadLetterSink: { uri: {{Url("/dls")}} }
              reply: { uri: {{Url("/sink")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: bad-last-step
            spec:
              steps:
                - uri: {{Url("/bad-reply")}}
                  delivery:
                    retry: 1
                    deadLetterSink: { uri: {{Url("/dls")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: no-dead-letter
            spec:
              steps:
                - uri: {{Url("/reject")}}
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: failing-dead-letter-sink
            spec:
              steps:
                - uri: {{Url("/reject")}}
                  delivery:
                    deadLetterSink: { uri: {{Url("/reject")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-dead-letter-sink
            spec:
              steps:
                - uri: {{Url("/reject")}}
                  delivery:
                    retry: 2
                    backoffPolicy: linear
                    backoffDelay: PT0.3S
                    deadLetterSink: { uri: {{Url("/flaky-dls")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-reply
            spec:
              steps:
                - uri: {{Url("/echo")}}
              reply: { uri: {{Url("/flaky-dls")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-reply-for-some
            spec:
              steps:
                - uri: {{Url("/echo")}}
              reply: { uri: {{Url("/flaky-for-some")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: refused-reply
            spec:
              steps:
                - uri: {{Url("/echo")}}
              reply: { uri: {{Url("/reject")}} }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: down-reply
            spec:
              steps:
                - uri: {{Url("/echo")}}
              reply: { uri: {{Url("/down")}} }
            ---
            {{DeadLettered("down-reply-dead-lettered", "/down")}}
            ---
            {{DeadLettered("down-reply-dead-lettered-in-one-checkpoint", "/down", "{ functionssequence.dev/checkpoint: sequence }")}}
            ---
            {{DeadLettered("refused-reply-dead-lettered", "/reject")}}
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: flaky-reply-in-one-checkpoint
              annotations: { functionssequence.dev/checkpoint: sequence }
            spec:
              steps:
                - uri: {{Url("/echo")}}
              reply: { uri: {{Url("/flaky-dls")}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: events
            spec:
              delivery:
                retry: 2
                backoffDelay: PT0.1S
                backoffPolicy: exponential
                deadLetterSink: { uri: {{Url("/dls")}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to-garbage
            spec:
              broker: events
              filter: { attributes: { type: test.garbage } }
              subscriber: { uri: {{Url("/garbage")}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: to-flaky
            spec:
              broker: events
              filter: { attributes: { type: test.flaky } }
              subscriber: { uri: {{Url("/flaky")}} }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: done-to-sink
            spec:
              broker: events
              filter: { attributes: { type: test.flaky.done } }
              subscriber: { uri: {{Url("/sink")}} }
            """;
    }
}
