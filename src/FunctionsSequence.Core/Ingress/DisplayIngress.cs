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
        (IReadOnlyList<CloudEvent>? events, IResult? answer) = await IngressRequest.ReadAsync(request, problem => IngressLog.Refuse(logger, request, problem), cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        if (events!.Count > 0) // an empty batch is taken, with nothing to print
        {
            await display.ShowStructuredAsync([.. events.Select(CloudEventJson.Encode)], via: null, cancellationToken);
        }

        return Results.Accepted();
    }
}
