using System.Net;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// The bad-input matrix that fseq and the Functions host answer alike: what is sent, where, and
/// the status and a word the problem body must mention.
/// </summary>
public static class BadInputCases
{
    public static TheoryData<string, string, string?, string, HttpStatusCode, string> All() => new()
    {
        { "non-JSON structured event", "/api/sequences/sequence", "application/cloudevents+json", "{not json", HttpStatusCode.BadRequest, "invalid start of a property name" },
        { "missing id", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","source":"/s","type":"t"}""", HttpStatusCode.BadRequest, "id" },
        { "empty id", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","id":"","source":"/s","type":"t"}""", HttpStatusCode.BadRequest, "id" },
        { "missing source", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","id":"1","type":"t"}""", HttpStatusCode.BadRequest, "source" },
        { "missing type", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"1.0","id":"1","source":"/s"}""", HttpStatusCode.BadRequest, "type" },
        { "unknown specversion", "/api/sequences/sequence", "application/cloudevents+json", """{"specversion":"9000.1","id":"1","source":"/s","type":"t"}""", HttpStatusCode.BadRequest, "9000.1" },
        { "wrong content type", "/api/sequences/sequence", "text/plain", "hello", HttpStatusCode.UnsupportedMediaType, "binary mode" },
        { "empty body", "/api/sequences/sequence", "application/cloudevents+json", "", HttpStatusCode.BadRequest, "empty" },
        { "empty batch", "/api/brokers/default", "application/cloudevents-batch+json", "[]", HttpStatusCode.BadRequest, "empty" },
        { "unknown target", "/api/sequences/nowhere", "application/cloudevents+json", """{"specversion":"1.0","id":"1","source":"/s","type":"t"}""", HttpStatusCode.NotFound, "nowhere" },
    };
}
