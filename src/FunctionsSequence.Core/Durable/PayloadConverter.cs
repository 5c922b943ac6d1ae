using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace FunctionsSequence.Core.Durable;

/// <summary>
/// How orchestration and activity payloads are written. Our payloads are mostly events as JSON
/// text inside JSON; the SDK's default encoder writes each of their quotes as <c>\u0022</c> (six
/// characters for one), so much of every payload the engine stores, sends and parses would be
/// escaping. Payloads never reach a browser, so HTML-safe escaping buys nothing here. Otherwise the
/// SDK's defaults (fields included); readers take either form, so histories written before still read.
/// </summary>
public static class PayloadConverter
{
    /// <summary>The serializer options: the Functions app gives them to its worker, whose Durable extension writes payloads with them.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        IncludeFields = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The converter the local runtime's worker and client use.</summary>
    public static DataConverter Instance { get; } = new JsonDataConverter(SerializerOptions);
}
