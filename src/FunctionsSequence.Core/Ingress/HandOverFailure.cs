using Azure;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// How ingress answers a request whose events could not be handed over (a run's start, a Broker's publish): an
/// outage the sender's retry outlasts (storage, Event Grid or the host out of reach, a credential that gets no
/// token) is a 503; Event Grid refusing the events themselves is its answer passed on; another answer of Azure's (the
/// app's access to its topic or storage) is a 502 that says which; anything else is no outage and is not answered here,
/// so that it fails the request with its stack in the log.
/// </summary>
internal static class HandOverFailure
{
    // Exceptions of packages Core does not take: Azure.Identity's (CredentialUnavailableException derives from the first) and gRPC's,
    // which the isolated worker's Durable client throws when the host does not answer.
    private static readonly string[] Outages = ["AuthenticationFailedException", "RpcException"];

    /// <summary>The problem to answer with, or null for a failure that is not an outage.</summary>
    public static IngressProblem? ProblemOf(IngressTarget target, string name, int events, Exception exception)
    {
        // A Broker's topic refusing the events fails the publish as a delivery's refusal whose cause is Event Grid's answer; its own
        // words say which request of a publish split in several was refused, and that those before it were taken.
        string? refusal = null;
        if (exception is StepFailedException { InnerException: RequestFailedException answer } publish)
        {
            (exception, refusal) = (answer, $" {publish.Message}.");
        }

        // The Azure SDK's retries of a request that got no answer (storage or a topic out of reach) end in an
        // AggregateException of every try's failure; the last one says what it was.
        string tries = string.Empty;
        if (exception is AggregateException { InnerExceptions: [.., var last] } retried)
        {
            (exception, tries) = (last, retried.InnerExceptions.Count > 1 ? $" ({retried.InnerExceptions.Count} tries)" : string.Empty);
        }

        string what = $"{target} {AttributeErrors.Name(name)} could not take {(events == 1 ? "the event" : $"the {events} events")}: {FirstLine(exception)}{tries}.{refusal}";
        return exception switch
        {
            RequestFailedException { Status: 400 or 413 } refused when refusal is not null
                => new(refused.Status, "Refused by Event Grid", $"{what} Event Grid refused them as they are: sent again, they would be refused again."),
            RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or HttpRequestException or TimeoutException or IOException or OperationCanceledException
                => Outage(what),
            RequestFailedException => new(StatusCodes.Status502BadGateway, "Not taken", $"{what} {Serving(target, exception)} refused the app's own request: its settings or its access need looking at."),
            _ when IsOutage(exception.GetType()) => Outage(what),
            _ => null,
        };
    }

    // Any other answer of Azure's is storage's (the task hub's queues and tables, the admission ledger) or, for a Broker on an
    // Event Grid topic, maybe the topic's, whose 400 and 413 the publish converts (above), so that those are storage's.
    private static string Serving(IngressTarget target, Exception exception) =>
        target == IngressTarget.Broker && exception is RequestFailedException { Status: not (400 or 413) }
            ? "The app's storage (or, for a Broker on an Event Grid topic, that topic)"
            : "The app's storage";

    private static IngressProblem Outage(string what) => new(StatusCodes.Status503ServiceUnavailable, "Not taken",
        $"{what} Send the request again: an event already taken is recognised by its source and id and not run twice.");

    private static bool IsOutage(Type? type) => type is not null && (Outages.Contains(type.Name) || IsOutage(type.BaseType));

    /// <summary>An exception's type and first line: Azure's carry the whole response or every credential tried on the lines after.</summary>
    private static string FirstLine(Exception exception) =>
        $"{exception.GetType().Name}: {exception.Message.Split('\n', 2)[0].TrimEnd('\r', ' ', '.')}";
}
