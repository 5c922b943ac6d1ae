using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// The log of ingress's 429s, per route, so that sustained overload costs a few lines, not one per
/// request. The first 429 of a spell is logged at once (1901, as any refusal); later ones are counted
/// and reported in one line (1902) when the first request on that route is accepted again, and every
/// <see cref="Interval"/> while they go on; an interval with none ends the spell without a line. A
/// route thus writes at most three such lines an interval, however many requests it refuses. Every
/// 429 is in exactly one line: the 1901 lines with status 429 and the counts of the 1902 lines add up
/// to all of them, those not yet reported when the host stops included; once it stops, each 429 is a line.
/// </summary>
internal sealed partial class BackPressureLog(ILogger logger, TimeProvider time) : IDisposable
{
    /// <summary>How often a route's count is reported while its 429s go on.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    // Keyed by target and manifest name: a 429 is only answered for a name that exists, so the keys are bounded.
    private readonly ConcurrentDictionary<(IngressTarget, string), RouteRefusals> routes = new();
    private readonly Lock gate = new();
    private ITimer? timer;
    private bool disposed;

    // Routes in a spell: an accepted request looks its route up only while this is not 0.
    private int spells;

    /// <summary>Answers with <paramref name="problem"/> (a 429), logged if it starts a spell on its route, else counted.</summary>
    public IResult Refuse(HttpRequest request, IngressTarget target, string name, IngressProblem problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(problem);
        if (Volatile.Read(ref disposed))
        {
            return IngressLog.Refuse(logger, request, problem); // stopping: no later line would count it
        }

        if (!routes.TryGetValue((target, name), out RouteRefusals? route))
        {
            route = routes.GetOrAdd((target, name), new RouteRefusals(request.Method, $"{request.PathBase}{request.Path}"));
        }

        if (!route.Refused(time))
        {
            if (Volatile.Read(ref disposed) && route.End(time.GetUtcNow()) is { } count)
            {
                Report(route, count, "the host is stopping"); // counted as Dispose took the rest
            }

            return problem.ToResult();
        }

        Interlocked.Increment(ref spells);
        StartTimer();
        return IngressLog.Refuse(logger, request, problem);
    }

    /// <summary>A request on the route was accepted: the first of a spell reports the 429s not yet reported.</summary>
    public void Accepted(IngressTarget target, string name)
    {
        if (Volatile.Read(ref spells) != 0 && routes.TryGetValue((target, name), out RouteRefusals? route) && route.Accepted(time) is { } count)
        {
            Report(route, count, "a request was accepted again");
        }
    }

    /// <summary>Stops the timer and reports what no line has counted yet.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timer?.Dispose();
        }

        DateTimeOffset now = time.GetUtcNow();
        foreach (KeyValuePair<(IngressTarget, string), RouteRefusals> pair in routes)
        {
            if (pair.Value.End(now) is { } count)
            {
                Report(pair.Value, count, "the host is stopping");
            }
        }
    }

    /// <summary>
    /// One timer for every route, from the first 429 on: without it, the count of 429s that just stop,
    /// on a route no one sends to again, would never be reported. A tick with nothing to report looks
    /// at each route once and logs nothing.
    /// </summary>
    private void StartTimer()
    {
        if (Volatile.Read(ref timer) is not null)
        {
            return;
        }

        lock (gate)
        {
            if (!disposed && timer is null)
            {
                // Not the refused request's context: the timer's lines belong to no request's trace or log scope.
                using (ExecutionContext.SuppressFlow())
                {
                    timer = time.CreateTimer(static state => ((BackPressureLog)state!).Tick(), this, Interval, Interval);
                }
            }
        }
    }

    private void Tick()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (KeyValuePair<(IngressTarget, string), RouteRefusals> pair in routes)
        {
            if (pair.Value.Tick(now) is { } count)
            {
                Report(pair.Value, count, "back-pressure goes on");
            }
        }
    }

    private void Report(RouteRefusals route, RefusalCount count, string outcome)
    {
        if (count.Ended)
        {
            Interlocked.Decrement(ref spells);
        }

        if (count.Count > 0)
        {
            RefusedMore(logger, route.Method, route.Route, count.Count, count.Over.TotalSeconds, outcome);
        }
    }

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information, Message = "{Method} {Route} refused {Count} more request(s) with 429 over {Seconds:0.#} s; {Outcome}")]
    private static partial void RefusedMore(ILogger logger, string method, string route, long count, double seconds, string outcome);
}
