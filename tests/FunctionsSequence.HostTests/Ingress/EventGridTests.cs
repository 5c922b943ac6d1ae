using System.Net;
using Azure;
using Azure.Core;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using FunctionsSequence.HostTests.Hosting;
using static FunctionsSequence.HostTests.Ingress.EventGridRequests;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>
/// The app as Event Grid sees it: the SDK publishing to a Broker as to a topic; deliveries of a
/// Trigger's subscription (CloudEvents batches); the webhook handshake, which carries no key.
/// </summary>
[Collection(BrokerTriggerHostGroup.Name)]
public sealed class EventGridTests(BrokerTriggerHost fixture)
{
    private const string CronSource = "/apis/v1/namespaces/default/cronjobsources/cronjob-source";

    private static string NewId() => "eg-" + Guid.NewGuid().ToString("N");

    [SkippableFact]
    public async Task The_SDK_publishes_to_a_broker_with_the_key_in_the_url()
    {
        FunctionsHost host = fixture.Host;
        // The SDK sends its AzureKeyCredential as aeg-sas-key, which the host does not read: the key goes in ?code=.
        var client = new EventGridPublisherClient(new Uri(host.BaseAddress, $"/api/brokers/default?code={host.Key}"), new AzureKeyCredential(host.Key));
        string id = NewId();

        Response response = await client.SendEventAsync(new CloudEvent(CronSource, "dev.knative.cronjob.event", new { message = "Hello world!" }) { Id = id });

        Assert.Equal(200, response.Status);
        Assert.Contains("Hello world! - Handled by 0 - Handled by 1 - Handled by 2", await DisplayedOnce.AssertAsync(host, id), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_SDK_publishes_a_batch_to_a_broker_with_the_key_in_a_header()
    {
        FunctionsHost host = fixture.Host;
        var options = new EventGridPublisherClientOptions();
        options.AddPolicy(new FunctionKeyPolicy(host.Key), HttpPipelinePosition.PerCall);
        var client = new EventGridPublisherClient(new Uri(host.BaseAddress, "/api/brokers/default"), new AzureKeyCredential(host.Key), options);
        string[] ids = [NewId(), NewId(), NewId()];

        Response response = await client.SendEventsAsync(ids.Select(id => new CloudEvent(CronSource, "dev.knative.cronjob.event", new { message = "Hello world!" }) { Id = id }));

        Assert.Equal(200, response.Status);
        foreach (string id in ids)
        {
            await DisplayedOnce.AssertAsync(host, id);
        }
    }

    [SkippableFact]
    public async Task Both_handshakes_are_answered_for_a_triggers_function_and_nothing_goes_in_without_the_key()
    {
        FunctionsHost host = fixture.Host;
        Uri webhook = await host.EventGridWebhookAsync("display-trigger");
        using HttpClient anonymous = host.NewClient(withKey: false);

        using var options = new HttpRequestMessage(HttpMethod.Options, webhook);
        options.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        using HttpResponseMessage cloudEvents = await anonymous.SendAsync(options);
        using HttpResponseMessage eventGrid = await anonymous.SendAsync(DeliveryTo(webhook, "SubscriptionValidation", """[{"id":"v","topic":"/t","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-12-02T00:00:00Z","metadataVersion":"1","dataVersion":"1","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}}]"""));
        using HttpResponseMessage keyless = await anonymous.SendAsync(DeliveryTo(new Uri(webhook.GetLeftPart(UriPartial.Path) + "?functionName=trigger-display-trigger"), "Notification", Batch(NewId())));

        Assert.Equal(HttpStatusCode.OK, cloudEvents.StatusCode);
        Assert.Equal("eventgrid.azure.net", cloudEvents.Headers.GetValues("WebHook-Allowed-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, eventGrid.StatusCode);
        Assert.Contains("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", await eventGrid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Skip.IfNot(host.EnforcesKeys, "Core Tools does not check keys");
        Assert.Equal(HttpStatusCode.Unauthorized, keyless.StatusCode);
    }

    [SkippableFact]
    public async Task One_event_delivered_to_a_triggers_function_is_displayed_once_without_the_hop_counter_and_with_its_arrival()
    {
        FunctionsHost host = fixture.Host;
        string id = NewId();

        using HttpResponseMessage response = await host.NewClient(withKey: false).SendAsync(DeliveryTo(await host.EventGridWebhookAsync("display-trigger"), "Notification", Event(id).ToJsonString(), "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string block = await DisplayedOnce.AssertAsync(host, id);
        Assert.Contains($"\"message\": \"pushed {id}\"", block, StringComparison.Ordinal);
        Assert.DoesNotContain("knativebrokerttl", block, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  time:", block, StringComparison.Ordinal); // no context attribute added on the way
        // Published to the topic directly, not through the Broker's route: it arrived when Event Grid delivered it.
        Assert.Matches(@"\nExtensions,\n  knativearrivaltime: \d{4}-\d\d-\d\dT[\d:.]+Z\n", block);
    }

    [SkippableFact]
    public async Task A_batch_is_one_call_and_the_triggers_filter_lets_through_what_matches()
    {
        FunctionsHost host = fixture.Host;
        string[] ids = [NewId(), NewId(), NewId()];
        string filtered = NewId();
        Uri webhook = await host.EventGridWebhookAsync("display-trigger");
        int callsBefore = host.Log.Lines("Executing 'Functions.trigger-display-trigger'").Count;

        using HttpResponseMessage response = await host.NewClient(withKey: false).SendAsync(DeliveryTo(webhook, "Notification", Batch([.. ids, filtered], otherType: filtered)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        foreach (string id in ids)
        {
            await DisplayedOnce.AssertAsync(host, id);
        }

        Assert.Equal(0, host.Log.Displayed(filtered));
        Assert.Equal(callsBefore + 1, host.Log.Lines("Executing 'Functions.trigger-display-trigger'").Count);
    }

    [SkippableFact]
    public async Task A_batch_with_an_event_that_fails_answers_500_and_when_Event_Grid_sends_it_again_the_others_are_not_run_twice()
    {
        FunctionsHost host = fixture.Host;
        string[] ids = [NewId(), NewId()];
        string batch = Batch(ids)[..^1] + """,{"specversion":"1.0","id":"no-source","type":"samples.http.mod3"}]""";
        Uri webhook = await host.EventGridWebhookAsync("display-trigger");
        using HttpClient eventGrid = host.NewClient(withKey: false);

        using HttpResponseMessage first = await eventGrid.SendAsync(DeliveryTo(webhook, "Notification", batch));
        foreach (string id in ids)
        {
            await DisplayedOnce.AssertAsync(host, id);
        }

        using HttpResponseMessage again = await eventGrid.SendAsync(DeliveryTo(webhook, "Notification", batch)); // Event Grid retries the whole batch
        await Task.Delay(DisplayedOnce.Settle);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode); // until Event Grid gives up and dead-letters the batch
        Assert.All(ids, id => Assert.Equal(1, host.Log.Displayed(id)));
        Assert.NotEmpty(host.Log.Lines("are not CloudEvents"));
    }

    private static string Batch(string[] ids, string? otherType = null) =>
        new System.Text.Json.Nodes.JsonArray([.. ids.Select(id => (System.Text.Json.Nodes.JsonNode)Event(id, id == otherType ? "something.else" : "samples.http.mod3"))]).ToJsonString();

    private static string Batch(string id) => Batch([id]);
}
