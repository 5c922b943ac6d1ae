using System.Net;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>
/// The seed's scenario 4 with its Broker on an Event Grid topic, as deployed: the app publishes to
/// the topic; the topic delivers to each Trigger's function (a stand-in topic on loopback, with the
/// subscriptions <c>fseq export-infra</c> writes); both Broker hops go this way.
/// </summary>
public sealed class EventGridBrokerTests(EventGridBrokerTests.Host fixture) : IClassFixture<EventGridBrokerTests.Host>
{
    [SkippableFact]
    public async Task Both_broker_hops_go_through_event_grid_to_each_triggers_function_and_the_event_is_displayed_once()
    {
        string id = "egb-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/brokers/default", id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string block = await DisplayedOnce.AssertAsync(fixture.Host, id);
        Assert.Contains("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", block, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Topic.Published.Count(p => p == id)); // the event, then the Sequence's reply
        Assert.Contains(fixture.Topic.Deliveries, d => d == ("sequence-trigger", HttpStatusCode.Accepted));
        Assert.Contains(fixture.Topic.Deliveries, d => d == ("display-trigger", HttpStatusCode.Accepted));
    }

    [SkippableTheory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503 Not taken", "Send the request again")] // after the SDK's own retries
    [InlineData(HttpStatusCode.BadRequest, "400 Refused by Event Grid", "sent again, they would be refused again")]
    public async Task A_publish_the_topic_does_not_take_is_answered_in_one_problem_that_says_whether_to_send_again(HttpStatusCode topic, string answer, string advice)
    {
        string id = "egb-refused-" + Guid.NewGuid().ToString("N");
        fixture.Topic.Refusing = topic;
        try
        {
            using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/brokers/default", id));

            Assert.Equal(answer[..3], ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            string detail = await response.Content.ReadAsStringAsync();
            Assert.Contains("Broker 'default' could not take the event: RequestFailedException: ", detail, StringComparison.Ordinal);
            Assert.Contains(advice, detail, StringComparison.Ordinal);
            await fixture.Host.Log.WaitForLineAsync($"/api/brokers/default refused with {answer}: Broker 'default' could not take the event: RequestFailedException: ");
        }
        finally
        {
            fixture.Topic.Refusing = null;
        }

        Assert.DoesNotContain(id, fixture.Topic.Published);
    }

    [SkippableFact]
    public async Task A_publish_to_a_topic_out_of_reach_is_a_503_after_the_sdks_tries_that_says_to_send_again()
    {
        string id = "egb-unreachable-" + Guid.NewGuid().ToString("N");
        fixture.Topic.Unreachable = true;
        try
        {
            using HttpResponseMessage response = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/brokers/default", id));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode); // was a 500 with no body: the SDK's AggregateException
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            string detail = await response.Content.ReadAsStringAsync();
            Assert.Contains("Broker 'default' could not take the event: RequestFailedException: ", detail, StringComparison.Ordinal);
            Assert.Contains("tries). Send the request again", detail, StringComparison.Ordinal);
            await fixture.Host.Log.WaitForLineAsync("/api/brokers/default refused with 503 Not taken: Broker 'default' could not take the event: RequestFailedException: ");
        }
        finally
        {
            fixture.Topic.Unreachable = false;
        }

        Assert.DoesNotContain(id, fixture.Topic.Published);
    }

    /// <summary>Scenario 4 whose Broker publishes to the stand-in topic.</summary>
    public sealed class Host : HostFixture
    {
        private const string Manifests = "samples/4-broker-trigger";

        public FakeEventGrid Topic { get; } = new(Manifests);

        public override async Task InitializeAsync()
        {
            await Topic.StartAsync();
            await base.InitializeAsync();
            if (HostAvailability.Command is not null)
            {
                Topic.Webhook = trigger => Host.EventGridWebhookAsync(trigger);
            }
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Topic.DisposeAsync();
        }

        internal override HostSettings CreateSettings() =>
            new(HostSettings.NewTaskHub("egbroker"), Manifests)
            {
                Extra = Topic.BrokerSettings(),
            };
    }
}
