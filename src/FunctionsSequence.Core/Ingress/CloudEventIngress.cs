using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// Every addressable thing is a CloudEvents HTTP endpoint, as in Knative. This is the one
/// implementation of those endpoints; the CLI and the Functions app only map routes onto it.
/// </summary>
public sealed class CloudEventIngress(
    ManifestSet manifests, EventRouter router, ServiceInvoker services, IEnumerable<IIngressThrottle> throttles, TimeProvider time, ILogger<CloudEventIngress> logger, ILoggerFactory loggers)
    : IDisposable
{
    /// <summary>
    /// The log category of the lines that count 429s (event 1902), of their own as some are written outside any request: from a
    /// timer, and as the host stops, where the Functions worker's log lines do not reach the host.
    /// </summary>
    public const string BackPressureCategory = "FunctionsSequence.Core.Ingress.BackPressureLog";

    private readonly BackPressureLog backPressure = new(loggers.CreateLogger(BackPressureCategory), time);

    /// <summary>
    /// Handles a request to <c>/api/{target}s/{name}</c>. A refusal is logged once (<see cref="IngressLog"/>),
    /// except a 429 after the first of its route's spell, which is counted into one line (<see cref="BackPressureLog"/>).
    /// </summary>
    public async Task<IResult> HandleAsync(HttpRequest request, IngressTarget target, string name, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Before the webhook handshake too: a subscription to a misspelt name must fail to validate, not fail every delivery.
        // A method no endpoint takes is 405 whatever the name, as Knative's broker ingress and channel receiver check it before the
        // name; a Service's unknown name is 404 whatever the method, as Serving's gateway answers a host it does not route.
        if (!Exists(target, name) && (target == IngressTarget.Service || IngressRequest.TakesMethod(request.Method)))
        {
            return Refuse(request, target, name, new IngressProblem(StatusCodes.Status404NotFound, "Unknown target", $"There is no {target} named {AttributeErrors.Name(name)}{Known(target)}.{OtherKind(target, name)}{Unaccepted(request)}"));
        }

        (IReadOnlyList<CloudEvent>? events, IResult? answer) = await IngressRequest.ReadAsync(request, problem => Refuse(request, target, name, problem), cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        // The JSON batch format lets a batch be empty: taken, with nothing to run.
        if (events!.Count == 0)
        {
            return target == IngressTarget.Broker ? Results.Ok() : Results.Accepted();
        }

        // Knative's broker ingress refuses an event whose hop counter runs out as it enters (400): the loop's end is its sender's to see.
        if (target == IngressTarget.Broker && BrokerTtl.FirstRunningOut(events!) is { } looping)
        {
            return Refuse(request, target, name, new IngressProblem(StatusCodes.Status400BadRequest, "Hop counter ran out",
                $"Event {AttributeErrors.Quote(looping.Id!)} came with {BrokerTtl.Extension} {BrokerTtl.Get(looping)}, which runs out as it enters Broker {AttributeErrors.Name(name)} (each entry takes one off): "
                + "it has passed through Brokers as often as its counter allows, which means it was looping."
                + (events!.Count > 1 ? " Nothing of the batch was accepted." : "")));
        }

        // Each throttle that lets the events in holds them as entering until they are counted where they went: once the
        // start is called, as the batcher queues (and counts) each event before its first wait.
        var entering = new List<IIngressThrottle>(1);
        void Entered()
        {
            foreach (IIngressThrottle throttle in entering)
            {
                throttle.Entered(events!.Count);
            }

            entering.Clear();
        }

        try
        {
            foreach (IIngressThrottle throttle in target == IngressTarget.Service ? [] : throttles)
            {
                if (events!.Count > throttle.MaxEvents)
                {
                    return Refuse(request, target, name, new IngressProblem(StatusCodes.Status413PayloadTooLarge, "Too many events in one request",
                        $"The request holds {events.Count} events, more than this runtime holds in flight at once ({throttle.MaxEvents}; fseq's --max-in-flight, "
                        + $"the Functions app's FunctionsSequence__MaxInFlight), so no wait would let it in; nothing of it was accepted. Send them in batches of at most {throttle.MaxEvents}."));
                }

                if (throttle.RetryAfter(events.Count) is { } wait)
                {
                    return TooMany(request, target, name, wait);
                }

                entering.Add(throttle);
            }

            return await DeliverAsync(request, target, name, events!, client, Entered, cancellationToken);
        }
        finally
        {
            Entered();
        }
    }

    /// <summary>Stops counting 429s, and logs those counted and not yet reported.</summary>
    public void Dispose() => backPressure.Dispose();

    private IResult TooMany(HttpRequest request, IngressTarget target, string name, TimeSpan wait)
    {
        int seconds = (int)Math.Ceiling(wait.TotalSeconds);
        request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Refuse(request, target, name, new IngressProblem(StatusCodes.Status429TooManyRequests, "Too many events in flight",
            $"More events are in flight than this runtime is set to hold; nothing of this request was accepted. Retry after {seconds} s."));
    }

    /// <summary>Hands the request's events to their target, and answers as Knative does.</summary>
    /// <remarks><paramref name="entered"/> is called once the events are counted where they went (the runs or the batcher's queue).</remarks>
    private async Task<IResult> DeliverAsync(
        HttpRequest request, IngressTarget target, string name, IReadOnlyList<CloudEvent> events, DurableTaskClient client, Action entered, CancellationToken cancellationToken)
    {
        // Each event's span as it enters, a child of its traceparent (else the request's); ended once it is handed over.
        // With no tracing here the request's trace still travels on, as Knative's data plane passes it through.
        AdoptRequestTrace(request, events);
        string? spanName = EventTrace.Listening ? $"{target} {name} ingress" : null;

        using HopSpans spans = HopSpans.Start(spanName, ActivityKind.Server, null, events, static e => e);
        IResult result;
        switch (target)
        {
            // The events of a batch request go in together, so that, when the target is busy, they share a run.
            case IngressTarget.Sequence or IngressTarget.Parallel or IngressTarget.Broker:
                try
                {
                    Task handed = target == IngressTarget.Broker
                        ? router.PublishAsync(client, name, events, cancellationToken)
                        : router.StartAsync(client, target == IngressTarget.Sequence ? RunTarget.Sequence(name) : RunTarget.Parallel(name), events, cancellationToken);
                    entered();
                    await handed;
                }
                catch (Exception ex) when ((ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    && HandOverFailure.ProblemOf(target, name, events.Count, ex) is { } problem)
                {
                    return Refuse(request, target, name, problem);
                }

                // A Broker answers exactly 200, as Event Grid's publish API does (its SDK accepts nothing else); a flow 202, as a channel.
                result = target == IngressTarget.Broker ? Results.Ok() : Results.Accepted();
                break;
            default:
                // A Service answers each event in turn, as the request holds them; its replies come back as the request came
                // (an event in binary mode, or a batch of the replies, in order, to a batch-mode request); no reply at all is 202.
                var replies = new List<CloudEvent>(events.Count);
                int handled = 0;
                try
                {
                    for (; handled < events.Count; handled++)
                    {
                        using CancellationTokenSource bound = DeliveryPolicy.DefaultBound(cancellationToken); // each event's own
                        if (await services.InvokeServiceAsync(name, events[handled], AnswerUse.Output, via: null, format: null, bound.Token) is { } reply)
                        {
                            replies.Add(reply);
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Refuse(request, target, name, new IngressProblem(StatusCodes.Status504GatewayTimeout, "Service failed", $"{Which(events, handled)}: no answer within {DeliveryPolicy.DefaultTimeout.TotalSeconds:0} s."));
                }
                catch (StepFailedException ex)
                {
                    // The failure's message, never the event's data, which may be personal or secret: this is logged.
                    int status = ex.StatusCode is >= 400 and < 600 ? ex.StatusCode : StatusCodes.Status502BadGateway;
                    return Refuse(request, target, name, new IngressProblem(status, "Service failed", $"{Which(events, handled)}: {ex.Message}"));
                }

                result = replies.Count == 0 ? Results.Accepted()
                    : MediaTypes.Of(request.ContentType) == MediaTypes.Batch
                        ? new CloudEventBatchResult(replies)
                        : new CloudEventResult(replies[0]);
                break;
        }

        backPressure.Accepted(target, name);
        return result;
    }

    /// <summary>Names the event a Service failed on and, in a batch, those it handled before.</summary>
    private static string Which(IReadOnlyList<CloudEvent> events, int failed) =>
        events.Count == 1
            ? $"Event {AttributeErrors.Quote(events[0].Id!)}"
            : $"Event {AttributeErrors.Quote(events[failed].Id!)} ({failed + 1} of {events.Count}; handled before it: {failed}; not sent: the {events.Count - failed - 1} after it)";

    /// <summary>
    /// Events that carry no <c>traceparent</c> take the request's W3C header: in binary mode the
    /// distributed-tracing extension may ride on HTTP's own.
    /// </summary>
    private static void AdoptRequestTrace(HttpRequest request, IReadOnlyList<CloudEvent> events)
    {
        // One well-formed W3C traceparent (a repeated header comes joined with ','): any other is left where it was.
        string? traceparent = request.Headers[CloudEventAttributes.TraceParent];
        if (traceparent is { Length: > 0 } && ActivityContext.TryParse(traceparent, null, out _))
        {
            string? tracestate = request.Headers[CloudEventAttributes.TraceState];
            foreach (CloudEvent cloudEvent in events.Where(e => e[CloudEventAttributes.TraceParent] is null))
            {
                cloudEvent[CloudEventAttributes.TraceParent] = traceparent;
                cloudEvent[CloudEventAttributes.TraceState] = tracestate is { Length: > 0 } ? tracestate : null;
            }
        }
    }

    /// <summary>Every 429 goes through its route's count, whether back-pressure here or a Service's own; other refusals are the sender's to see, each logged.</summary>
    private IResult Refuse(HttpRequest request, IngressTarget target, string name, IngressProblem problem) =>
        problem.Status == StatusCodes.Status429TooManyRequests
            ? backPressure.Refuse(request, target, name, problem)
            : IngressLog.Refuse(logger, request, problem);

    /// <summary>
    /// Names a binary-mode event that a refusal before the body is read leaves out, so its log line
    /// says which event was lost; structured-mode bodies are not read for it.
    /// </summary>
    private static string Unaccepted(HttpRequest request) =>
        request.Headers["ce-id"] is [{ Length: > 0 } id] ? $" Event {AttributeErrors.Quote(id)} was not accepted." : string.Empty;

    private bool Exists(IngressTarget target, string name) => Names(target).Contains(name); // a key lookup: the keys are a collection of the ordinal dictionary

    private IEnumerable<string> Names(IngressTarget target) => target switch
    {
        IngressTarget.Sequence => manifests.Sequences.Keys,
        IngressTarget.Parallel => manifests.Parallels.Keys,
        IngressTarget.Broker => manifests.Brokers.Keys,
        _ => manifests.Services.Keys,
    };

    /// <summary>Where to send instead when a target of another kind has the name (a Sequence posted to as a Service, say).</summary>
    private string OtherKind(IngressTarget target, string name)
    {
        foreach (IngressTarget other in Enum.GetValues<IngressTarget>())
        {
            if (other != target && Exists(other, name))
            {
                return $" A {other} is named {AttributeErrors.Name(name)}: send to /api/{IngressRoutes.For(other).Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal)}.";
            }
        }

        return string.Empty;
    }

    private string Known(IngressTarget target)
    {
        IEnumerable<string> names = Names(target);
        string list = string.Join(", ", names.Order(StringComparer.Ordinal));
        return list.Length == 0 ? string.Empty : $" (known: {list})";
    }
}
