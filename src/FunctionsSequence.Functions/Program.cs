using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

// The Functions app: Core's behaviour, the manifests it runs, Event Grid for Brokers that have a topic, and the exporters of its traces and metrics.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
try
{
    builder.Services.AddFunctionsSequenceApp(builder.Configuration);
}
catch (ManifestException invalid)
{
    // The errors say what and where (file, line, field); a stack trace would only bury them in the host's log.
    await Console.Error.WriteLineAsync($"FunctionsSequence: the app does not start. {invalid.Message}");
    return 1;
}

builder.Services.AddAppTelemetry(builder.Configuration);

// ASP.NET Core's result executors log every answer at Information ("Setting HTTP status code 429."), which the host
// writes as the function's own lines: one per refused request under overload, where BackPressureLog counts them.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// The counts of 429s and the run-end poller's warnings are written from timers (the counts as the host stops too), outside
// any invocation, where the worker's log lines do not reach the host: they go to the console, whose lines the host logs
// (Host.Function.Console), and only there, so that none is written twice. The console takes no other category.
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.None);
foreach (string category in new[] { CloudEventIngress.BackPressureCategory, typeof(RunEndPoller).FullName! })
{
    builder.Logging.AddFilter<ConsoleLoggerProvider>(category, LogLevel.Information);
    builder.Logging.AddFilter(category, LogLevel.None);
}
await builder.Build().RunAsync();
return 0;
