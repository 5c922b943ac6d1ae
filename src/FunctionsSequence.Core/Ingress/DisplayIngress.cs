using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// <c>POST /api/display</c>: Knative's event_display as an address of its own, for any webhook (an
/// Event Grid subscription too) with no event-display Service declared. It prints each CloudEvent as
/// the Services do, once however often the same event is delivered to it (the display ledger).
/// </summary>
public sealed class DisplayIngress(IEventDisplaySink sink, IDisplayLedger ledger, ILogger<DisplayIngress> logger)
{
    /// <summary>The display's name in its ledger keys and log lines.</summary>
    public const string Name = "display";

    private readonly DisplayStep display = new(sink, ledger, Name, logger);

    /// <summary>Prints the request's events; OPTIONS is the webhook handshake.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsOptions(request.Method))
        {
            return WebhookHandshake.Respond(request);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            request.HttpContext.Response.Headers.Allow = "POST, OPTIONS";
            return IngressLog.Refuse(logger, request, new IngressProblem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"{request.Method} is not allowed here; POST a CloudEvent."));
        }

        (IReadOnlyList<CloudEvent>? events, IngressProblem? problem) = await CloudEventHttpReader.ReadAsync(request, cancellationToken: cancellationToken);
        if (problem is not null)
        {
            return IngressLog.Refuse(logger, request, problem);
        }

        await display.ShowStructuredAsync([.. events!.Select(CloudEventJson.Encode)], via: null, cancellationToken);
        return Results.Accepted();
    }
}
