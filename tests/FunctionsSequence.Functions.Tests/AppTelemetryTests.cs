using System.Diagnostics;
using FunctionsSequence.Core.Telemetry;
using FunctionsSequence.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FunctionsSequence.Functions.Tests;

/// <summary>The app's exporters follow its settings: none without them; Azure Monitor keeps every trace.</summary>
public sealed class AppTelemetryTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddAppTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void Without_application_insights_or_otlp_settings_nothing_is_exported()
    {
        using ServiceProvider services = Provider([]);

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "IngestionEndpoint=https://127.0.0.1:9/")]
    public void Either_setting_exports_the_flow_spans_and_metrics_and_samples_none_away(string setting, string value)
    {
        // Application Insights wants a GUID for the resource; the empty one names none.
        if (setting == "APPLICATIONINSIGHTS_CONNECTION_STRING")
        {
            value = $"InstrumentationKey={Guid.Empty};{value}";
        }

        // Not disposed: disposing would flush to an endpoint that is not there.
        ServiceProvider services = Provider(new() { [setting] = value });

        Assert.NotNull(services.GetRequiredService<TracerProvider>());
        Assert.NotNull(services.GetRequiredService<MeterProvider>());
        var spans = new List<Activity?>();
        for (int i = 0; i < 50; i++)
        {
            using Activity? span = FlowTelemetry.Source.StartActivity("sampling probe", ActivityKind.Internal, default(ActivityContext));
            spans.Add(span);
        }

        Assert.All(spans, span => Assert.True(span is { Recorded: true }, "a span was sampled away"));
    }
}
