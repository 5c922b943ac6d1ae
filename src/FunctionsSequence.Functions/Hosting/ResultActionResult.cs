using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>Lets a function return Core's ASP.NET Core <see cref="IResult"/> as the <see cref="IActionResult"/> the Functions integration expects.</summary>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result.ExecuteAsync(context.HttpContext);
    }
}
