using System.Text.Json;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>How dead letters and audits are written as JSON: by the store, the <c>/api/deadletters</c> route and <c>fseq redrive</c>.</summary>
public static class DeadLetterJson
{
    /// <summary>camelCase names, as the HTTP routes answer.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}
