using FunctionsSequence.Core.Telemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FunctionsSequence.Cli.Runtime;

/// <summary><c>fseq run --otlp ENDPOINT</c>: Core's spans and metrics exported over OTLP/HTTP, flushed when fseq stops.</summary>
internal static class OtlpExport
{
    /// <summary>Adds the exporters of <see cref="FlowTelemetry"/>'s source and meter to <paramref name="endpoint"/> (its <c>/v1/traces</c> and <c>/v1/metrics</c>).</summary>
    public static void Add(IServiceCollection services, Uri endpoint)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fseq"))
            .WithTracing(tracing => tracing
                .AddSource(FlowTelemetry.Name)
                .AddOtlpExporter(otlp => Target(otlp, endpoint, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(FlowTelemetry.Name)
                .AddOtlpExporter(otlp => Target(otlp, endpoint, "v1/metrics")));
    }

    /// <summary>An endpoint set in code is used as it is, so the signal's path is added here, as the OTLP spec adds it to OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    private static void Target(OtlpExporterOptions otlp, Uri endpoint, string path)
    {
        otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
        otlp.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + path);
    }
}
