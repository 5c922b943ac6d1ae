using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using FunctionsSequence.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>
/// Exports Core's spans and metrics (<see cref="FlowTelemetry"/>): to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// (with the other <c>OTEL_EXPORTER_OTLP_*</c> settings); with neither, nothing listens and the spans cost nothing.
/// </summary>
public static class AppTelemetry
{
    /// <summary>Adds the exporters the settings ask for.</summary>
    public static IServiceCollection AddAppTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } text ? text : null;
        bool otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        if (appInsights is null && !otlp)
        {
            return services;
        }

        // One credential, so traces and metrics share its token cache.
        var credential = new Lazy<DefaultAzureCredential>(() => new DefaultAzureCredential());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["WEBSITE_SITE_NAME"] is { Length: > 0 } site ? site : "FunctionsSequence"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(FlowTelemetry.Name);
                if (appInsights is not null)
                {
                    tracing.AddAzureMonitorTraceExporter(options => AzureMonitor(options, appInsights, credential.Value));
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FlowTelemetry.Name);
                if (appInsights is not null)
                {
                    metrics.AddAzureMonitorMetricExporter(options => AzureMonitor(options, appInsights, credential.Value));
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>
    /// Entra ID, as the deployment sets Application Insights up (local auth disabled, the app's
    /// identity a Monitoring Metrics Publisher; AZURE_CLIENT_ID names it); every trace kept. Logs,
    /// the event-display lines among them, are not exported here: they go through the Functions
    /// host, whose host.json keeps them out of sampling.
    /// </summary>
    private static void AzureMonitor(AzureMonitorExporterOptions options, string connectionString, DefaultAzureCredential credential)
    {
        options.ConnectionString = connectionString;
        options.Credential = credential;
        options.SamplingRatio = 1.0F;
        options.TracesPerSecond = null;
    }
}
