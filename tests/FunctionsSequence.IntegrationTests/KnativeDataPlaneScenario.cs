namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The topologies of knative/eventing's rekt data-plane features (test/rekt/features/broker, channel,
/// sequence, parallel), with eventshub's receivers played by <see cref="KnativeDataPlaneFixture"/>.
/// </summary>
public static class KnativeDataPlaneScenario
{
    /// <summary>The manifests, their URIs on the recorder at <paramref name="recorder"/>.</summary>
    public static string Manifest(Uri recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        string Url(string pathAndQuery) => new Uri(recorder, pathAndQuery).AbsoluteUri; // escaped: quotes and braces stay out of the YAML
        string Data(string json) => Uri.EscapeDataString(json);
        return $$"""
            # broker/feature.go: brokerEventTransformationForTrigger, brokerChannelFlowWithTransformation, ManyTriggers,
            # the dead-letter extensions and the long messages.
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: { name: rekt }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: all }
            spec:
              broker: rekt
              subscriber: { uri: "{{Url("/sink/all")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: transform }
            spec:
              broker: rekt
              filter: { attributes: { type: type1, source: "http://source1.com" } }
              subscriber: { uri: "{{Url("/transform/sink1?type=type2&source=http://source2.com&data=" + Data("""{"msg":"transformed body"}"""))}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: transformed }
            spec:
              broker: rekt
              filter: { attributes: { type: type2, source: "http://source2.com" } }
              subscriber: { uri: "{{Url("/sink/sink2")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: any-type-source1 }
            spec:
              broker: rekt
              filter: { attributes: { type: "", source: "http://source1.com" } }
              subscriber: { uri: "{{Url("/sink/any-type-source1")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: any-extname1 }
            spec:
              broker: rekt
              filter: { attributes: { extname1: "" } }
              subscriber: { uri: "{{Url("/sink/any-extname1")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: counter-hidden }
            spec:
              broker: rekt
              filters: [ { cesql: "type = 'ttl.hidden' AND NOT EXISTS knativebrokerttl" } ]
              subscriber: { uri: "{{Url("/sink/counter-hidden")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: counter-seen }
            spec:
              broker: rekt
              filter: { attributes: { type: ttl.hidden, knativebrokerttl: "254" } }
              subscriber: { uri: "{{Url("/sink/counter-seen")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: both-extensions }
            spec:
              broker: rekt
              filter: { attributes: { extname1: extval1, extname2: extvalue2 } }
              subscriber: { uri: "{{Url("/sink/both-extensions")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: error-nodata }
            spec:
              broker: rekt
              filter: { attributes: { type: error.nodata } }
              subscriber: { uri: "{{Url("/drop/failer-nodata?n=1&code=422")}}" }
              # Retries, which Knative's feature leaves out, so that one attempt shows a 422 is not retried.
              delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT0.1S, deadLetterSink: { uri: "{{Url("/sink/dls")}}" } }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: error-withdata }
            spec:
              broker: rekt
              filter: { attributes: { type: error.withdata } }
              subscriber: { uri: "{{Url("/drop/failer-withdata?n=1&code=422&body=" + Data("""{ "message": "catastrophic failure" }"""))}}" }
              delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT0.1S, deadLetterSink: { uri: "{{Url("/sink/dls")}}" } }
            ---
            # An answer that is no UTF-8 text: knativeerrordata carries its bytes as they came, as Knative's dispatcher encodes them.
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: error-binary }
            spec:
              broker: rekt
              filter: { attributes: { type: error.binary } }
              subscriber: { uri: "{{Url("/drop/failer-binary?n=1&code=422&body64=" + Data(Convert.ToBase64String([0x00, 0x7f, 0x80, 0xc3, 0x28, 0xff])))}}" }
              delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT0.1S, deadLetterSink: { uri: "{{Url("/sink/dls")}}" } }
            ---
            # The data-plane spec: a 3xx is an error, and a sender does not follow it (CloudEvents' HTTP webhook: MUST NOT).
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: error-redirect }
            spec:
              broker: rekt
              filter: { attributes: { type: error.redirect } }
              subscriber: { uri: "{{Url("/drop/failer-redirect?n=1&code=307&location=" + Data(Url("/sink/redirected")))}}" }
              delivery: { retry: 3, backoffPolicy: linear, backoffDelay: PT0.1S, deadLetterSink: { uri: "{{Url("/sink/dls")}}" } }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: long-request }
            spec:
              broker: rekt
              filter: { attributes: { type: long1, source: source1 } }
              subscriber: { uri: "{{Url("/transform/long-sink1?type=long2&source=source2&repeat=36000")}}" }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: long-response }
            spec:
              broker: rekt
              filter: { attributes: { type: long2, source: source2 } }
              subscriber: { uri: "{{Url("/sink/long-sink2")}}" }
            ---
            # broker/feature.go: brokerRedeliveryDropN (retry 5, linear; PT1S there).
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: { name: redelivery }
            spec:
              delivery: { retry: 5, backoffPolicy: linear, backoffDelay: PT0.1S }
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: { name: drop-first-5 }
            spec:
              broker: redelivery
              subscriber: { uri: "{{Url("/drop/drop-first-5?n=5")}}" }
            ---
            # sequence/feature.go: SequenceTest.
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: three-steps, namespace: rekt-sequence }
            spec:
              steps:
                - uri: "{{Url("/append/step1?s=-step1")}}"
                - uri: "{{Url("/append/step2?s=-step2")}}"
                - uri: "{{Url("/append/step3?s=-step3")}}"
              reply: { uri: "{{Url("/sink/sequence-sink")}}" }
            ---
            # channel/data_plane.go: the channel's subscriber, the Sequence's one step.
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: one-step }
            spec:
              steps:
                - uri: "{{Url("/sink/one-step")}}"
            ---
            # parallel/features.go: ParallelWithTwoBranches (filter 2 answers nothing).
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata: { name: one-filter-passes }
            spec:
              branches:
                - filter: { uri: "{{Url("/transform/filter1?type=myevent&source=http://sender.svc/&data=" + Data("""{"msg":"test msg"}"""))}}" }
                  subscriber: { uri: "{{Url("/append/subscriber1?s=appended data")}}" }
                - filter: { uri: "{{Url("/sink/filter2")}}" }
                  subscriber: { uri: "{{Url("/append/subscriber2?s=appended data")}}" }
              reply: { uri: "{{Url("/sink/parallel-sink")}}" }
            ---
            # parallel/features.go: ParallelWithTwoBranchesTLS, over http (both filters pass).
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata: { name: both-filters-pass }
            spec:
              branches:
                - filter: { uri: "{{Url("/drop/both-filter1?n=0&echo=1")}}" }
                  subscriber: { uri: "{{Url("/append/both-subscriber1?s=appended data 1")}}" }
                - filter: { uri: "{{Url("/drop/both-filter2?n=0&echo=1")}}" }
                  subscriber: { uri: "{{Url("/append/both-subscriber2?s=appended data 2")}}" }
              reply: { uri: "{{Url("/sink/both-sink")}}" }
            ---
            # kncloudevents/event_dispatcher.go executeRequest: a channel discards an answer that is no event.
            apiVersion: flows.knative.dev/v1
            kind: Parallel
            metadata: { name: plain-answers }
            spec:
              branches:
                - subscriber: { uri: "{{Url("/plain/branch")}}" }
                  delivery: { retry: 2, backoffPolicy: linear, backoffDelay: PT0.1S, deadLetterSink: { uri: "{{Url("/sink/plain-branch-dls")}}" } }
              reply: { uri: "{{Url("/sink/plain-branch-reply")}}" }
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: plain-answers }
            spec:
              steps:
                - uri: "{{Url("/plain/step")}}"
                  delivery: { retry: 2, backoffPolicy: linear, backoffDelay: PT0.1S, deadLetterSink: { uri: "{{Url("/sink/plain-step-dls")}}" } }
              reply: { uri: "{{Url("/sink/plain-step-reply")}}" }
            ---
            # channel/data_plane.go addControlPlaneDelivery, "Delivery Spec 1", sub1 to sub3 (retry 1, a dead-letter sink each).
            {{DeliverySpecSequence(Url, "sub1", replies: false, replyFailCount: 0)}}
            ---
            {{DeliverySpecSequence(Url, "sub2", replies: true, replyFailCount: 0)}}
            ---
            {{DeliverySpecSequence(Url, "sub3", replies: true, replyFailCount: 1)}}
            """;
    }

    /// <summary>A Subscription of channel/topology.go as a one-step Sequence: the step fails once, answers (or not), its reply fails <paramref name="replyFailCount"/> times.</summary>
    private static string DeliverySpecSequence(Func<string, string> url, string prefix, bool replies, int replyFailCount) => $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: { name: {{prefix}} }
        spec:
          steps:
            - uri: "{{url($"/drop/{prefix}sub?n=1{(replies ? "&echo=1" : string.Empty)}")}}"
              delivery: { retry: 1, deadLetterSink: { uri: "{{url($"/sink/{prefix}dlq")}}" } }
          reply: { uri: "{{url($"/drop/{prefix}reply?n={replyFailCount}")}}" }
        """;
}
