using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>
/// The host's <c>functionTimeout</c>, which cuts off a function call that runs longer: the app setting
/// <c>AzureFunctionsJobHost__functionTimeout</c> where set (it overrides host.json, as the host reads it),
/// else the app's host.json. Null when neither sets one, or sets none (<c>-1</c>): the plan's default then
/// applies, which the worker cannot know.
/// </summary>
internal static class FunctionTimeout
{
    /// <summary>The setting that overrides host.json's value.</summary>
    public const string Setting = "AzureFunctionsJobHost:functionTimeout";

    public static TimeSpan? Read(IConfiguration configuration, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Parse(configuration[Setting] ?? FromHostJson(Path.Combine(appDirectory, "host.json")));
    }

    /// <summary>
    /// How long a call's work may run so that what follows it (a source clock's cursor write) still fits in
    /// <paramref name="functionTimeout"/>: all but a tenth of it, at least half a minute (or half of it when shorter).
    /// Null when there is no limit the worker knows, or one too long to matter (over a day).
    /// </summary>
    public static TimeSpan? WorkBudget(TimeSpan? functionTimeout) =>
        functionTimeout is { } limit && limit <= TimeSpan.FromDays(1)
            ? limit - TimeSpan.FromTicks(Math.Max(limit.Ticks / 10, Math.Min(TimeSpan.FromSeconds(30).Ticks, limit.Ticks / 2)))
            : null;

    private static string? FromHostJson(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        // The host reads host.json with comments allowed; a file it cannot read stops the host before the worker starts.
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return json.RootElement.TryGetProperty("functionTimeout", out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static TimeSpan? Parse(string? text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan timeout) && timeout > TimeSpan.Zero ? timeout : null;
}
