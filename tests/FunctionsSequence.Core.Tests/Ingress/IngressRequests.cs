using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace FunctionsSequence.Core.Tests.Ingress;

/// <summary>POST requests as an ingress receives them, without a server.</summary>
internal static class IngressRequests
{
    /// <summary>The attributes of a valid binary-mode event, and an extension.</summary>
    public static readonly (string, string)[] BinaryHeaders =
        [("ce-specversion", "1.0"), ("ce-id", "b-1"), ("ce-source", "/test"), ("ce-type", "t"), ("ce-somekey", "value")];

    public static HttpRequest Post(string body, string? contentType, params (string Name, string Value)[] headers) =>
        Post(Encoding.UTF8.GetBytes(body), contentType, headers);

    public static HttpRequest Post(byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/sequences/sequence";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        foreach ((string name, string value) in headers)
        {
            // A name given twice is a header sent twice.
            context.Request.Headers[name] = context.Request.Headers.TryGetValue(name, out var sent) ? StringValues.Concat(sent, value) : value;
        }

        return context.Request;
    }
}
