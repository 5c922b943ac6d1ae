using FunctionsSequence.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions app: Core's behaviour, the manifests it runs, Event Grid for Brokers that have a topic, and the exporters of its traces and metrics.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionsSequenceApp(builder.Configuration);
builder.Services.AddAppTelemetry(builder.Configuration);
builder.Build().Run();
