using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsSequence.Functions.Hosting;

internal static class ResultActionResultExtensions
{
    public static async Task<IActionResult> ToActionResultAsync(this Task<IResult> result) => new ResultActionResult(await result);
}
