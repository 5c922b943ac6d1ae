using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;

namespace FunctionsSequence.Core.Tests.Sources;

public sealed class PingSourceEventsTests
{
    private static readonly DateTimeOffset Tick = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private static PingSourceResource Source(string kind, string? contentType = "application/json") => new(
        ResourceMetadata.Named("cronjob-source"),
        kind,
        "*/1 * * * *",
        null,
        contentType,
        System.Text.Encoding.UTF8.GetBytes("""{"message": "Hello world!"}"""),
        Destination.To("Sequence", "sequence"),
        new Dictionary<string, string> { ["origin"] = "cron" });

    [Fact]
    public void CronJobSource_event_has_the_seed_attributes()
    {
        CloudEvent e = PingSourceEvents.Create(Source(ResourceKind.CronJobSource), Tick);

        Assert.Equal("dev.knative.cronjob.event", e.Type);
        Assert.Equal("/apis/v1/namespaces/default/cronjobsources/cronjob-source", e.Source!.ToString());
        Assert.Equal(Tick, e.Time);
        Assert.Equal("application/json", e.DataContentType);
        Assert.Equal("Hello world!", ((JsonElement)e.Data!).GetProperty("message").GetString());
        Assert.Equal("cron", e["origin"]);
        Assert.True(Guid.TryParse(e.Id, out _));
    }

    [Fact]
    public void A_content_type_without_data_is_not_set_as_Knatives_adapter_sets_none()
    {
        CloudEvent e = PingSourceEvents.Create(Source(ResourceKind.PingSource) with { Data = null }, Tick);

        Assert.Null(e.DataContentType);
        Assert.Null(e.Data);
    }

    [Fact]
    public void PingSource_event_has_the_v1_attributes() =>
        Assert.Equal("dev.knative.sources.ping", PingSourceEvents.Create(Source(ResourceKind.PingSource), Tick).Type);

    [Fact]
    public void Each_tick_has_its_own_id_and_a_repeated_tick_the_same()
    {
        PingSourceResource source = Source(ResourceKind.PingSource);

        Assert.Equal(PingSourceEvents.Create(source, Tick).Id, PingSourceEvents.Create(source, Tick).Id);
        Assert.NotEqual(PingSourceEvents.Create(source, Tick).Id, PingSourceEvents.Create(source, Tick.AddMinutes(1)).Id);
    }

    [Fact]
    public void An_extension_override_named_in_upper_case_is_set_in_lower_case_as_Knatives_sdk_does()
    {
        PingSourceResource source = Manifests.Load(Manifests.Display + """
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: ping
            spec:
              schedule: "*/1 * * * *"
              ceOverrides:
                extensions:
                  Origin: ping
              sink:
                ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
            """).EnsureValid().Sources[0];

        Assert.Equal("ping", PingSourceEvents.Create(source, Tick)["origin"]);
    }
}
