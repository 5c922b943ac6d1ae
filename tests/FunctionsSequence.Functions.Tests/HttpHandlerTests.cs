using System.Text;
using System.Text.Json;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Functions.Tests;

/// <summary>The function classes driven with ASP.NET Core requests, as the Functions host would call them.</summary>
public sealed class HttpHandlerTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private CloudEventIngress Ingress => app.Services.GetRequiredService<CloudEventIngress>();

    private ILogger<T> Logger<T>() => app.Services.GetRequiredService<ILogger<T>>();

    private DefaultHttpContext Request(string method, string body = "", string? contentType = null, params (string, string)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Response.Body = new MemoryStream();
        foreach ((string name, string value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }

    private static DefaultHttpContext CloudEvent(DefaultHttpContext context, string id, string type = "dev.knative.cronjob.event")
    {
        context.Request.Headers["ce-specversion"] = "1.0";
        context.Request.Headers["ce-id"] = id;
        context.Request.Headers["ce-source"] = "/apis/v1/namespaces/default/cronjobsources/cronjob-source";
        context.Request.Headers["ce-type"] = type;
        return context;
    }

    private static async Task<(int Status, string Body)> Execute(IActionResult result, HttpContext context)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Sequence_ingress_accepts_with_202_and_the_event_runs_through_the_functions()
    {
        string id = "fn-" + Guid.NewGuid().ToString("N");
        DefaultHttpContext context = CloudEvent(Request("POST", """{"message": "Hello world!"}""", "application/json; charset=utf-8"), id);

        var (status, _) = await Execute(await new SequenceIngressFunction(Ingress).RunAsync(context.Request, "sequence", app.Client, default), context);

        Assert.Equal(202, status);
        string block = await app.Display.WaitForAsync($"id: {id}");
        Assert.Contains("\"message\": \"Hello world! - Handled by 0 - Handled by 1 - Handled by 2\"", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_into_a_sequence_shares_runs_and_every_event_is_displayed_once()
    {
        string prefix = "fn-burst-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string[] ids = [.. Enumerable.Range(0, 30).Select(i => prefix + i)];

        int[] statuses = await Task.WhenAll(ids.Select(async id =>
        {
            DefaultHttpContext context = CloudEvent(Request("POST", """{"message": "Hello world!"}""", "application/json"), id);
            return (await Execute(await new SequenceIngressFunction(Ingress).RunAsync(context.Request, "sequence", app.Client, default), context)).Status;
        }));

        Assert.All(statuses, status => Assert.Equal(202, status));
        foreach (string id in ids)
        {
            Assert.Contains("Handled by 2", await app.Display.WaitForAsync($"id: {id}\n"), StringComparison.Ordinal);
        }

        Assert.All(ids, id => Assert.Single(app.Display.Blocks, b => b.Contains($"id: {id}\n", StringComparison.Ordinal)));
        var batches = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata instance in app.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "seqb:sequence:" }))
        {
            batches.Add(instance);
        }

        Assert.NotEmpty(batches); // 30 at once with one run in flight: the ones that waited shared a run
    }

    [Fact]
    public async Task Broker_ingress_answers_exactly_200_and_routes_through_both_triggers()
    {
        string id = "fn-" + Guid.NewGuid().ToString("N");
        string batch = JsonSerializer.Serialize(new[]
        {
            new { specversion = "1.0", id, source = "/s", type = "dev.knative.cronjob.event", datacontenttype = "application/json", data = new { message = "Hello world!" } },
        });
        DefaultHttpContext context = Request("POST", batch, "application/cloudevents-batch+json; charset=utf-8");

        var (status, _) = await Execute(await new BrokerIngressFunction(Ingress).RunAsync(context.Request, "default", app.Client, default), context);

        Assert.Equal(200, status);
        string block = await app.Display.WaitForAsync($"id: {id}");
        Assert.Contains("type: samples.http.mod3", block, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sequence", "9000.1", 400, "9000.1")]
    [InlineData("nope", "1.0", 404, "There is no Sequence named 'nope'")]
    public async Task Bad_requests_get_a_problem_body(string name, string specVersion, int expectedStatus, string mention)
    {
        DefaultHttpContext context = CloudEvent(Request("POST", "{}", "application/json"), "x");
        context.Request.Headers["ce-specversion"] = specVersion;

        var (status, body) = await Execute(await new SequenceIngressFunction(Ingress).RunAsync(context.Request, name, app.Client, default), context);

        Assert.Equal(expectedStatus, status);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Contains(mention, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_are_logged_once_with_the_route_by_the_ingress_and_the_display_function()
    {
        string id = "fn-" + Guid.NewGuid().ToString("N");
        string body = $$"""{"specversion":"1.0","id":"{{id}}","source":"/s"}""";
        DefaultHttpContext toSequence = Request("POST", body, "application/cloudevents+json");
        toSequence.Request.Path = "/api/sequences/sequence";
        DefaultHttpContext toDisplay = Request("POST", body, "application/cloudevents+json");
        toDisplay.Request.Path = "/api/display";

        await Execute(await new SequenceIngressFunction(Ingress).RunAsync(toSequence.Request, "sequence", app.Client, default), toSequence);
        await Execute(await new EventDisplayFunction(app.Services.GetRequiredService<DisplayIngress>()).RunAsync(toDisplay.Request, default), toDisplay);

        string reason = $"400 Invalid CloudEvent: The event (id \"{id}\"): missing required attribute 'type'.";
        string[] lines = [.. app.Logs.Entries.Where(e => e.Text.Contains(id, StringComparison.Ordinal)).Select(e => $"{e.Level} {e.EventId} {e.Text}")];
        Assert.Equal([$"Warning 1901 POST /api/sequences/sequence refused with {reason}", $"Warning 1901 POST /api/display refused with {reason}"], lines);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        DefaultHttpContext context = Request("GET");

        var (status, _) = await Execute(await new ServiceIngressFunction(Ingress).RunAsync(context.Request, "first", app.Client, default), context);

        Assert.Equal(405, status);
        Assert.Equal("POST, OPTIONS", context.Response.Headers.Allow.ToString());
    }

    [Fact]
    public async Task Display_function_prints_knatives_format_once_however_often_the_event_comes()
    {
        string id = "fn-" + Guid.NewGuid().ToString("N");
        DefaultHttpContext context = CloudEvent(Request("POST", """{"message":"hi"}""", "application/json"), id, type: "samples.http.mod3");
        context.Request.Headers["ce-somekey"] = "value";

        var (status, _) = await Execute(await new EventDisplayFunction(app.Services.GetRequiredService<DisplayIngress>()).RunAsync(context.Request, default), context);

        Assert.Equal(202, status);
        string block = await app.Display.WaitForAsync($"id: {id}");
        DefaultHttpContext again = CloudEvent(Request("POST", """{"message":"hi"}""", "application/json"), id, type: "samples.http.mod3");
        again.Request.Headers["ce-somekey"] = "value";
        Assert.Equal(202, (await Execute(await new EventDisplayFunction(app.Services.GetRequiredService<DisplayIngress>()).RunAsync(again.Request, default), again)).Status);
        Assert.Single(app.Display.Blocks, b => b.Contains($"id: {id}\n", StringComparison.Ordinal)); // delivered again, printed once
        Assert.Equal(
            $"☁️  cloudevents.Event\nContext Attributes,\n  specversion: 1.0\n  type: samples.http.mod3\n  source: /apis/v1/namespaces/default/cronjobsources/cronjob-source\n  id: {id}\n  datacontenttype: application/json\nExtensions,\n  somekey: value\nData,\n  {{\n    \"message\": \"hi\"\n  }}\n",
            block);
    }
}
