using System.Net;
using System.Text;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>
/// A Sequence whose reply is a Broker on an Event Grid topic that does not take it: the last step's
/// input goes to the step's dead-letter sink, as Knative's dispatcher sends a reply it gave up, at
/// once for a refusal and after the reply's tries for an outage; the run completes.
/// </summary>
public sealed class EventGridReplyTests(EventGridReplyTests.Host fixture) : IClassFixture<EventGridReplyTests.Host>
{
    [SkippableFact]
    public async Task A_reply_the_topic_refuses_sends_the_last_steps_input_to_its_dead_letter_sink_at_once_with_the_topics_answer()
    {
        (string id, Dictionary<string, string> headers) = await ReplyWhileTheTopicAnswers(HttpStatusCode.BadRequest);

        Assert.Equal("400", headers["ce-knativeerrorcode"]); // Knative does not retry a 400 from a broker's ingress
        Assert.Equal(FakeEventGrid.RefusalAnswer, Encoding.UTF8.GetString(Convert.FromBase64String(headers["ce-knativeerrordata"])));
        Assert.Single(fixture.Topic.Refused, r => r == id); // one try: sent again, it would be refused again
    }

    [SkippableFact]
    public async Task A_reply_the_topic_does_not_take_from_the_app_sends_the_last_steps_input_to_its_dead_letter_sink_after_the_replys_tries()
    {
        // 403: the app's identity may not send to the topic (yet: a role assignment takes a while), which the SDK does not retry.
        (string id, Dictionary<string, string> headers) = await ReplyWhileTheTopicAnswers(HttpStatusCode.Forbidden);

        Assert.Equal("500", headers["ce-knativeerrorcode"]); // no answer of the reply's own: the failure's words stand for it
        Assert.Contains("Status: 403 (Forbidden)", Encoding.UTF8.GetString(Convert.FromBase64String(headers["ce-knativeerrordata"])), StringComparison.Ordinal);
        Assert.Equal(5, fixture.Topic.Refused.Count(r => r == id)); // the reply activity's retry policy
    }

    /// <summary>Sends an event to the Sequence while the topic answers <paramref name="status"/>; what its step's sink got, and that the run completed.</summary>
    private async Task<(string Id, Dictionary<string, string> Headers)> ReplyWhileTheTopicAnswers(HttpStatusCode status)
    {
        string id = "egr-" + Guid.NewGuid().ToString("N");
        fixture.Topic.Refusing = status;
        try
        {
            using HttpResponseMessage response = await fixture.Host.Http.SendAsync(
                CloudEventRequests.Binary("/api/sequences/to-broker", id, "test.event", "/event-grid-reply-tests", """{"message":"hi"}"""));
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            (Dictionary<string, string> headers, _) = await fixture.Steps.WaitAtAsync("/dls", id);

            Assert.Equal("test.event", headers["ce-type"]); // what the step was given, not its answer
            Assert.Equal("Broker/default", headers["ce-knativeerrordest"]);
            Assert.Single(fixture.Steps.AttemptsOf("/answer", id)); // the step is not called again for its reply
            Assert.DoesNotContain(id, fixture.Topic.Published);
            Core.Inspection.RunSummary run = (await FailedRuns.WaitAsync(fixture.Host.Http, id, "completed", TimeSpan.FromSeconds(60))).Run;
            Assert.Equal(("completed", 1, (string?)null), (run.Status, run.DeadLettered, run.Failure));
            return (id, headers);
        }
        finally
        {
            fixture.Topic.Refusing = null;
        }
    }

    /// <summary>A Sequence replying to Broker <c>default</c>, whose topic is the stand-in; its step and sink on the test's server.</summary>
    public sealed class Host : HostFixture
    {
        private readonly string folder = Directory.CreateTempSubdirectory("fseq-host-eg-reply-").FullName;

        public StepServer Steps { get; } = new();

        public FakeEventGrid Topic { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await Steps.InitializeAsync();
            await File.WriteAllTextAsync(Path.Combine(folder, "reply.yaml"), $$"""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: { name: default }
                ---
                apiVersion: flows.knative.dev/v1
                kind: Sequence
                metadata: { name: to-broker }
                spec:
                  steps:
                    - uri: {{new Uri(Steps.BaseAddress, "/answer")}}
                      delivery: { deadLetterSink: { uri: {{new Uri(Steps.BaseAddress, "/dls")}} } }
                  reply: { ref: { apiVersion: eventing.knative.dev/v1, kind: Broker, name: default } }
                """);
            Topic = new FakeEventGrid(folder);
            await Topic.StartAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Topic.DisposeAsync();
            await Steps.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }

        internal override HostSettings CreateSettings() =>
            new(HostSettings.NewTaskHub("egreply"), folder)
            {
                Extra = Topic.BrokerSettings(),
            };
    }
}
