using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>Why a request was refused: an HTTP status and an RFC 7807 body that says what was wrong.</summary>
public sealed record IngressProblem(int Status, string Title, string Detail)
{
    /// <summary>The problem as an ASP.NET Core result (<c>application/problem+json</c>).</summary>
    public IResult ToResult() => Results.Problem(detail: Detail, statusCode: Status, title: Title);

    /// <summary>400: not a valid CloudEvent.</summary>
    public static IngressProblem BadEvent(string detail) => new(StatusCodes.Status400BadRequest, "Invalid CloudEvent", detail);
}
