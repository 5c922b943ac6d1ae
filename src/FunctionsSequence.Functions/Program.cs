using FunctionsSequence.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions app: Core's behaviour, the manifests it runs, and Event Grid for Brokers that have a topic.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionsSequenceApp(builder.Configuration);
builder.Build().Run();
