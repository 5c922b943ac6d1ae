using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// The log line of a refused request, the same on both hosts: one per refusal, with the route and
/// the problem's detail, never the body or the query string (which may carry a function key).
/// Ingress's 429s pass through <see cref="BackPressureLog"/>, which logs here only the first of a spell.
/// </summary>
public static partial class IngressLog
{
    /// <summary>
    /// Logs <paramref name="problem"/> once and answers with it: at Warning, except 429, which is
    /// back-pressure working as meant (Information).
    /// </summary>
    public static IResult Refuse(ILogger logger, HttpRequest request, IngressProblem problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(problem);
        LogLevel level = problem.Status == StatusCodes.Status429TooManyRequests ? LogLevel.Information : LogLevel.Warning;
        if (logger.IsEnabled(level))
        {
            string route = $"{request.PathBase}{request.Path}";
            Refused(logger, level, request.Method, route, problem.Status, problem.Title, problem.Detail);
        }

        return problem.ToResult();
    }

    [LoggerMessage(EventId = 1901, Message = "{Method} {Route} refused with {Status} {Title}: {Detail}")]
    private static partial void Refused(ILogger logger, LogLevel level, string method, string route, int status, string title, string detail);
}
