using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Ingress;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Functions.Functions;

/// <summary>
/// <c>POST /api/display</c>: Knative's event_display as a function: logs each CloudEvent it
/// receives in event_display's format. Any webhook (an Event Grid subscription too) can target it;
/// the event-display Services of the manifests write through the same sink.
/// </summary>
public sealed class EventDisplayFunction(IEventDisplaySink display, ILogger<EventDisplayFunction> logger)
{
    [Function(FunctionNames.EventDisplay)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = "display")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsOptions(request.Method))
        {
            return new Hosting.ResultActionResult(WebhookHandshake.Respond(request));
        }

        (IReadOnlyList<CloudEvent>? events, IngressProblem? problem) = await CloudEventHttpReader.ReadAsync(request, cancellationToken: cancellationToken);
        if (problem is not null)
        {
            return new Hosting.ResultActionResult(IngressLog.Refuse(logger, request, problem));
        }

        foreach (CloudEvent cloudEvent in events!)
        {
            display.Write(EventDisplayFormatter.Format(cloudEvent));
        }

        return new Hosting.ResultActionResult(Results.Accepted());
    }
}
