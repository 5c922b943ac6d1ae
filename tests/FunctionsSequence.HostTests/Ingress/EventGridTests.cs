using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

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
    public async Task A_cloudevents_batch_delivered_to_a_trigger_displays_each_event_once()
    {
        FunctionsHost host = fixture.Host;
        string[] ids = [NewId(), NewId()];
        string body = JsonSerializer.Serialize(ids.Select(id => new
        {
            specversion = "1.0",
            id,
            source = "/event-grid-tests",
            type = "samples.http.mod3",
            datacontenttype = "application/json",
            data = new { message = "pushed " + id },
        }));

        using HttpResponseMessage response = await host.Http.PostAsync("/api/triggers/display-trigger", new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        foreach (string id in ids)
        {
            string block = await DisplayedOnce.AssertAsync(host, id);
            Assert.Contains($"\"message\": \"pushed {id}\"", block, StringComparison.Ordinal);
            Assert.DoesNotContain("knativebrokerttl", block, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_binary_mode_delivery_to_a_trigger_is_displayed_once()
    {
        FunctionsHost host = fixture.Host;
        string id = NewId();

        using HttpResponseMessage response = await host.Http.SendAsync(CloudEventRequests.Binary("/api/triggers/display-trigger", id, type: "samples.http.mod3", data: """{"message": "pushed"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"message\": \"pushed\"", await DisplayedOnce.AssertAsync(host, id), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_webhook_handshake_is_answered_without_a_key()
    {
        FunctionsHost host = fixture.Host;
        using HttpClient anonymous = host.NewClient(withKey: false);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/triggers/display-trigger");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using HttpResponseMessage response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
        Assert.True(response.Headers.Contains("WebHook-Allowed-Rate"));
    }
}
