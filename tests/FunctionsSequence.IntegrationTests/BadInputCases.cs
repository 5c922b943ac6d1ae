using System.Net;
using System.Text.Json;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The bad-input matrix that fseq and the Functions host answer alike: what is sent, where, and
/// the status and a part of the problem's detail that says what is wrong and where.
/// </summary>
public static class BadInputCases
{
    public static TheoryData<string, string, string?, string, HttpStatusCode, string> All() => new()
    {
        { "non-JSON structured event", "/api/sequences/sequence", "application/cloudevents+json", "{not json", HttpStatusCode.BadRequest, "The body is not valid JSON: unexpected 'n' at line 1, column 2." },
        { "missing id", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","source":"/s","type":"t"}""", HttpStatusCode.BadRequest, "missing required attribute 'id'" },
        { "empty id", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","id":"","source":"/s","type":"t"}""", HttpStatusCode.BadRequest, "attribute 'id' must not be empty" },
        { "missing source", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","id":"1","type":"t"}""", HttpStatusCode.BadRequest, "missing required attribute 'source'" },
        { "source not a URI reference", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","id":"1","source":"::not a uri","type":"t"}""", HttpStatusCode.BadRequest, "attribute 'source' is \"::not a uri\", not a URI reference" },
        { "missing type", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","id":"1","source":"/s"}""", HttpStatusCode.BadRequest, "(id \"1\"): missing required attribute 'type'" },
        { "unknown specversion", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"9000.1","id":"1","source":"/s","type":"t"}""", HttpStatusCode.BadRequest, "attribute 'specversion' is \"9000.1\"" },
        {
            "batch whose second event has no type", "/api/brokers/default", "application/cloudevents-batch+json",
            """[{"specversion":"1.0","id":"1","source":"/s","type":"t"},{"specversion":"1.0","id":"x","source":"/s"}]""", HttpStatusCode.BadRequest,
            "The event at index 1 of the batch (id \"x\"): missing required attribute 'type'. Nothing of the batch was accepted."
        },
        { "wrong content type", "/api/sequences/sequence", "text/plain", "hello", HttpStatusCode.BadRequest, "without a ce-specversion header is not a CloudEvent. Send binary mode" },
        {
            "event grid schema", "/api/brokers/default", "application/json",
            """[{"id":"1","eventType":"orders.created","subject":"/o","data":{},"dataVersion":"1.0","eventTime":"2026-12-07T10:00:00Z"}]""", HttpStatusCode.BadRequest,
            "It is in the Event Grid schema (eventType, dataVersion)"
        },
        { "event format not read here", "/api/sequences/sequence", "application/cloudevents+xml", "<event/>", HttpStatusCode.UnsupportedMediaType, "is an event format this receiver does not read" },
        { "empty body", "/api/sequences/sequence", "application/cloudevents+json", "", HttpStatusCode.BadRequest, "The body is empty" },
        { "unknown target", "/api/sequences/nowhere", "application/cloudevents+json", """{"specversion":"1.0","id":"1","source":"/s","type":"t"}""", HttpStatusCode.NotFound, "There is no Sequence named 'nowhere'" },
    };

    /// <summary>The <c>detail</c> of an <c>application/problem+json</c> body (its JSON escapes quotes, so assert on this, not the raw text).</summary>
    public static string Detail(string problem) =>
        JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString() ?? string.Empty;
}
