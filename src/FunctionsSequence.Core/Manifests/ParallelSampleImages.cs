using System.Text.Json;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// The JavaScript images of Knative's Parallel samples, run as the app's C# steps that do what the
/// samples' expressions do, so those samples run as written: <c>villardl/filter-nodejs</c> with env
/// <c>FILTER</c> <c>Math.round(Date.parse(event.time) / 60000) % 2 === 0</c> (or <c>!== 0</c>) as
/// <c>minute-parity</c>, <c>villardl/transformer-nodejs</c> with env <c>TRANSFORMER</c> a JSON
/// object in parentheses as <c>set-data</c>, and <c>villardl/switcher-nodejs</c> with env
/// <c>EXPRESSION</c> <c>Math.round(Date.parse(event.time) / 60000) % 2</c> and <c>CASES</c> as
/// <c>minute-switch</c>. Any other expression is JavaScript the app does not run, and the image is
/// refused as any other it cannot run.
/// </summary>
internal static class ParallelSampleImages
{
    /// <summary>The step the filters' expression stands for, as the app registers it.</summary>
    public const string MinuteParity = "minute-parity";

    /// <summary>The step the transformers' expression stands for, as the app registers it.</summary>
    public const string SetData = "set-data";

    /// <summary>The step the switcher's expression stands for, as the app registers it.</summary>
    public const string MinuteSwitch = "minute-switch";

    // The samples' filter expression up to its comparison, white space left out.
    private const string MinuteRemainder = "Math.round(Date.parse(event.time)/60000)%2";

    /// <summary>
    /// The C# step and env that stand in for the sample image <paramref name="image"/> with
    /// <paramref name="environment"/>, when its expression is one of the samples' and the step is among
    /// <paramref name="steps"/> (its registration given), or no steps are known (none given); else null.
    /// </summary>
    public static (string Step, IReadOnlyDictionary<string, string> Environment, InAppStepRegistration? Registration)? StandIn(
        string image, IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<InAppStepRegistration> steps)
    {
        (string Step, IReadOnlyDictionary<string, string> Environment)? standIn = BuiltInImages.ParallelSampleScript(image) switch
        {
            "filter-nodejs" when Parity(environment.GetValueOrDefault("FILTER")) is { } parity =>
                (MinuteParity, new Dictionary<string, string> { ["PARITY"] = parity }),
            "transformer-nodejs" when JsonObject(environment.GetValueOrDefault("TRANSFORMER")) is { } data =>
                (SetData, new Dictionary<string, string> { ["DATA"] = data }),
            "switcher-nodejs" when IsMinuteRemainder(environment.GetValueOrDefault("EXPRESSION")) && environment.GetValueOrDefault("CASES") is { } cases =>
                (MinuteSwitch, new Dictionary<string, string> { ["CASES"] = cases }),
            _ => null,
        };
        if (standIn is not { } found)
        {
            return null;
        }

        InAppStepRegistration? registered = steps.FirstOrDefault(s => s.Name == found.Step);
        return steps.Count == 0 || registered is not null
            ? (found.Step, found.Environment, registered)
            : null;
    }

    private static bool IsMinuteRemainder(string? expression) =>
        expression is not null && string.Concat(expression.Where(c => !char.IsWhiteSpace(c))) == MinuteRemainder;

    /// <summary><c>even</c> or <c>odd</c> for the samples' two filter expressions, in any spacing.</summary>
    private static string? Parity(string? expression) =>
        expression is null ? null : string.Concat(expression.Where(c => !char.IsWhiteSpace(c))) switch
        {
            MinuteRemainder + "===0" => "even",
            MinuteRemainder + "!==0" => "odd",
            _ => null,
        };

    /// <summary>The JSON object of an expression that is one in parentheses, as the samples' transformers are: <c>({"message": "..."})</c>.</summary>
    private static string? JsonObject(string? expression)
    {
        string text = expression?.Trim() ?? string.Empty;
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')')
        {
            return null;
        }

        string inner = text[1..^1].Trim();
        try
        {
            using JsonDocument document = JsonDocument.Parse(inner);
            return document.RootElement.ValueKind == JsonValueKind.Object ? inner : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
