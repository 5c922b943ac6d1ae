using System.Text;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Ingress;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Ingress;

/// <summary>
/// A Service's route answers each event of a request in turn, with its reply: in binary mode to a
/// single event, as a batch to a batch-mode request; a failure part-way names the event and what was
/// handled before it.
/// </summary>
public sealed class ServiceRouteTests : IAsyncDisposable
{
    private static readonly string Yaml = Manifests.OneStepSequence();

    private readonly FakeDurableClient client = new();
    private readonly ServiceProvider services = Manifests.Provider(Yaml);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_gets_a_batch_of_the_replies_in_order()
    {
        (int status, string? contentType, string body) = await PostBatchAsync(Event("a", """{"message":"one"}"""), Event("b", """{"message":"two"}"""));

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.StartsWith(MediaTypes.Batch, contentType, StringComparison.Ordinal);
        var replies = CloudEventJson.Formatter.DecodeBatchModeMessage(Encoding.UTF8.GetBytes(body), null, null);
        Assert.Equal(["a", "b"], replies.Select(r => r.Id));
        Assert.Contains("one - Handled by 0", body, StringComparison.Ordinal);
        Assert.Contains("two - Handled by 0", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_part_way_names_the_event_and_what_was_handled_before_it()
    {
        (int status, _, string body) = await PostBatchAsync(Event("a", """{"message":"one"}"""), Event("b", "\"not an object\""), Event("c", """{"message":"three"}"""));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("Event \\\"b\\\" (2 of 3; handled before it: 1; not sent: the 1 after it)", body, StringComparison.Ordinal);
    }

    private static string Event(string id, string data) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/test","type":"t","datacontenttype":"application/json","data":{{data}}}""";

    private async Task<(int Status, string? ContentType, string Body)> PostBatchAsync(params string[] events)
    {
        HttpRequest request = IngressRequests.Post($"[{string.Join(",", events)}]", MediaTypes.Batch);
        request.Path = "/api/services/step-0";
        request.HttpContext.RequestServices = services;
        var answer = new MemoryStream();
        request.HttpContext.Response.Body = answer;

        IResult result = await services.GetRequiredService<CloudEventIngress>().HandleAsync(request, IngressTarget.Service, "step-0", client, default);
        await result.ExecuteAsync(request.HttpContext);

        return (request.HttpContext.Response.StatusCode, request.HttpContext.Response.ContentType, Encoding.UTF8.GetString(answer.ToArray()));
    }
}
