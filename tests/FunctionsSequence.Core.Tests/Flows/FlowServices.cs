using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Display;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>Core's services over a manifest for the flow tests, logging to <see cref="LogLines"/>, with what a test puts in place of Core's own.</summary>
internal static class FlowServices
{
    public static ServiceProvider Build(
        LogLines log, string yaml, IEventDisplaySink? display = null, IHostApplicationLifetime? lifetime = null, HttpMessageHandler? http = null) =>
        Manifests.Provider(yaml, services =>
        {
            if (display is not null)
            {
                services.AddSingleton(display);
            }

            if (lifetime is not null)
            {
                services.AddSingleton(new AppStopping(lifetime)); // as the Functions app registers it
            }

            if (http is not null)
            {
                services.AddSingleton(new HttpClient(http));
            }

            services.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        });
}
