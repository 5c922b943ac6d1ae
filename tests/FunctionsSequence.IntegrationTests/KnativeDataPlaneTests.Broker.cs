using System.Net;

namespace FunctionsSequence.IntegrationTests;

/// <summary>Knative's Broker: its Triggers (broker/feature.go), and its ingress where the conformance tests leave off (the method before the name, the hop counter).</summary>
public sealed partial class KnativeDataPlaneTests
{
    [Fact] // broker/feature.go brokerEventTransformationForTrigger and brokerChannelFlowWithTransformation (without the channel)
    public async Task A_triggers_transformed_reply_goes_back_into_the_broker_and_only_to_the_triggers_it_matches()
    {
        string id = await PublishAsync("rekt", "type1", "http://source1.com", """{"msg":"e2e-brokerchannel-body"}""");

        (Dictionary<string, string> transformed, string body) = Assert.Single(await knative.WaitAtAsync("/sink/sink2", id));
        Assert.Equal(("type2", "http://source2.com", """{"msg":"transformed body"}"""), (transformed["ce-type"], transformed["ce-source"], body));
        (Dictionary<string, string> original, string originalBody) = Assert.Single(knative.At("/transform/sink1", id));
        Assert.Equal(("type1", "http://source1.com", """{"msg":"e2e-brokerchannel-body"}"""), (original["ce-type"], original["ce-source"], originalBody));
        Assert.Equal(["type1", "type2"], (await knative.WaitAtAsync("/sink/all", id, 2)).Select(r => r.Headers["ce-type"]).Order(StringComparer.Ordinal));
    }

    [Fact] // broker/feature.go ManyTriggers; eventfilter/attributes/filter.go: "" is any value, present and non-empty
    public async Task Attribute_filters_match_exactly_and_an_empty_value_means_any()
    {
        string both = await PublishAsync("rekt", "type3", "http://source1.com", "{}", extensions: new() { ["extname1"] = "extval1", ["extname2"] = "extvalue2" });
        string other = await PublishAsync("rekt", "type3", "http://source2.com", "{}", extensions: new() { ["extname1"] = "nonmatchingextval", ["nonmatchingextname"] = "extvalue2" });
        string none = await PublishAsync("rekt", "type3", "http://source2.com", "{}", extensions: new() { ["nonmatchingextname"] = "extval1" });

        await knative.WaitAtAsync("/sink/all", none);
        Assert.Equal(["any-extname1", "any-type-source1", "both-extensions"], Sinks(both));
        Assert.Equal(["any-extname1"], Sinks(other));
        Assert.Empty(Sinks(none));

        string[] Sinks(string id) => [.. knative.Received.Where(r => r.Headers.GetValueOrDefault("ce-id") == id && r.Path != "/sink/all").Select(r => r.Path["/sink/".Length..]).Order(StringComparer.Ordinal)];
    }

    [Theory] // broker/feature.go brokerSubscriberErrorNodata, brokerSubscriberErrorWithdata
    [InlineData("error.nodata", "/drop/failer-nodata", "")]
    [InlineData("error.withdata", "/drop/failer-withdata", "eyAibWVzc2FnZSI6ICJjYXRhc3Ryb3BoaWMgZmFpbHVyZSIgfQ==")] // { "message": "catastrophic failure" }
    [InlineData("error.binary", "/drop/failer-binary", "AH+Awyj/")] // 00 7f 80 c3 28 ff, no UTF-8 text, as it came
    public async Task A_trigger_subscriber_refusing_with_422_dead_letters_the_event_once_with_knatives_error_extensions(string type, string failer, string errorData)
    {
        string id = await PublishAsync("rekt", type, "source1", """{"msg":"test msg"}""");

        (Dictionary<string, string> headers, string body) = Assert.Single(await knative.WaitAtAsync("/sink/dls", id));
        Assert.Equal(("""{"msg":"test msg"}""", type), (body, headers["ce-type"]));
        Assert.Equal(new Uri(knative.Recorder, failer).ToString(), headers["ce-knativeerrordest"]);
        Assert.Equal("422", headers["ce-knativeerrorcode"]);
        Assert.Equal(errorData, headers.GetValueOrDefault("ce-knativeerrordata") ?? string.Empty);
        (Dictionary<string, string> failed, _) = Assert.Single(knative.At(failer, id)); // 422 is not retried, though the Trigger retries 3 times (a retry would have been taken: the failer refuses once)
        // features.HasKnNamespaceHeader at the subscriber and the dead-letter sink; event_dispatcher.go asks only the subscriber for a reply.
        Assert.Equal(("default", "reply"), (failed["kn-namespace"], failed["prefer"]));
        Assert.Equal(("default", null), (headers["kn-namespace"], headers.GetValueOrDefault("prefer")));
    }

    [Fact] // knative/specs data-plane.md: a 3xx is an error, not a delivery; CloudEvents' HTTP webhook: MUST NOT follow a redirect
    public async Task A_trigger_subscriber_answering_a_redirect_is_not_followed_and_the_event_is_dead_lettered_once()
    {
        string id = await PublishAsync("rekt", "error.redirect", "source1", """{"msg":"test msg"}""");

        (Dictionary<string, string> headers, _) = Assert.Single(await knative.WaitAtAsync("/sink/dls", id));
        Assert.Equal("307", headers["ce-knativeerrorcode"]);
        Assert.Single(knative.At("/drop/failer-redirect", id)); // a 3xx is not retried
        Assert.Empty(knative.At("/sink/redirected", id));
    }

    [Fact] // broker/feature.go brokerRedeliveryDropN: retry 5, the subscriber refuses the first 5 with 409
    public async Task A_broker_retries_its_trigger_subscriber_until_it_takes_the_event()
    {
        string id = await PublishAsync("redelivery", "type2", "source2", """{"msg":"DropN"}""");

        await knative.WaitAtAsync("/drop/drop-first-5", id, 6);

        Assert.Equal(6, knative.At("/drop/drop-first-5", id).Count);
    }

    [Fact] // broker/feature.go brokerSubscriberLongMessage, brokerSubscriberLongResponseMessage
    public async Task Long_data_and_a_long_reply_are_delivered_exactly_once()
    {
        string longData = new('X', 36864);
        string id = await PublishAsync("rekt", "type1", "source1", longData, "text/plain");
        string chained = await PublishAsync("rekt", "long1", "source1", """{"msg":"eventBody"}""", "text/plain");

        Assert.Equal(longData, Assert.Single(await knative.WaitAtAsync("/sink/all", id)).Body);
        Assert.Equal("""{"msg":"eventBody"}""", Assert.Single(knative.At("/transform/long-sink1", chained)).Body);
        Assert.Equal($$"""{"msg":"{{new string('X', 36000)}}"}""", Assert.Single(await knative.WaitAtAsync("/sink/long-sink2", chained)).Body);
    }

    private async Task<string> PublishAsync(string broker, string type, string source, string data, string contentType = "application/json", Dictionary<string, string>? extensions = null)
    {
        string id = NewId();
        Dictionary<string, string> headers = Required(id, type, source);
        foreach ((string name, string value) in extensions ?? [])
        {
            headers["ce-" + name] = value;
        }

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Binary($"/api/brokers/{broker}", headers, data, contentType)));
        return id;
    }

    [Fact] // broker/ingress/ingress_handler.go: TTLDefaulter takes one off a knativebrokerttl the event comes with; the ingress answers 400 at 0
    public async Task A_broker_takes_one_off_the_hop_counter_an_event_comes_with_and_refuses_the_event_it_runs_out_for()
    {
        string refused = NewId();
        Dictionary<string, string> last = Required(refused);
        last["ce-knativebrokerttl"] = "1";
        string taken = NewId();
        Dictionary<string, string> one = Required(taken);
        one["ce-knativebrokerttl"] = "2";

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(Binary("/api/brokers/rekt", last, "{}", "application/json")));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Binary("/api/brokers/rekt", one, "{}", "application/json")));

        (Dictionary<string, string> received, _) = Assert.Single(await knative.WaitAtAsync("/sink/all", taken));
        Assert.False(received.ContainsKey("ce-knativebrokerttl")); // the Broker's own, as Knative's filter removes it
        Assert.Empty(knative.At("/sink/all", refused));
    }

    [Fact] // broker/filter/filter_handler.go: the hop counter is deleted before the Trigger's filter runs
    public async Task A_triggers_filter_does_not_see_the_hop_counter()
    {
        string id = await PublishAsync("rekt", "ttl.hidden", "http://source9.com", "{}", extensions: new() { ["knativebrokerttl"] = "255" });

        (Dictionary<string, string> received, _) = Assert.Single(await knative.WaitAtAsync("/sink/counter-hidden", id));
        Assert.False(received.ContainsKey("ce-knativebrokerttl"));
        await knative.WaitAtAsync("/sink/all", id);
        Assert.Empty(knative.At("/sink/counter-seen", id)); // entered with 254, which that filter names
    }

    [Fact] // broker/ingress/ingress_handler.go: the method is checked before the Broker is looked up
    public async Task A_get_is_405_whatever_the_name_and_a_post_to_an_unknown_broker_404()
    {
        Assert.Equal(HttpStatusCode.MethodNotAllowed, await SendAsync(Binary("/api/brokers/nowhere", Required(NewId()), method: "GET")));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(Binary("/api/brokers/nowhere", Required(NewId()))));
    }
}
