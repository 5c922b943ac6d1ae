using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Ingress;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Tests.Ingress;

public sealed class CloudEventHttpReaderTests
{
    private static HttpRequest Request(string body, string? contentType, params (string Name, string Value)[] headers) =>
        IngressRequests.Post(body, contentType, headers);

    private static readonly (string, string)[] BinaryHeaders = IngressRequests.BinaryHeaders;

    [Fact]
    public async Task Binary_mode_with_charset_parameter()
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(Request("""{"message":"hi"}""", "application/json; charset=utf-8", BinaryHeaders));

        Assert.Null(problem);
        CloudEvent e = Assert.Single(events!);
        Assert.Equal("b-1", e.Id);
        Assert.Equal("value", e["somekey"]);
        Assert.Equal("application/json; charset=utf-8", e.DataContentType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/json; charset=utf-8")]
    public async Task Binary_mode_data_that_is_not_the_JSON_its_content_type_says_is_kept_as_the_bytes_it_came_as(string contentType)
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(Request("hello, {not json", contentType, BinaryHeaders));

        Assert.Null(problem);
        CloudEvent e = Assert.Single(events!);
        Assert.Equal("hello, {not json"u8.ToArray(), Assert.IsType<byte[]>(e.Data));
        Assert.Equal(contentType, e.DataContentType);
        CloudEvent travelled = CloudEventJson.Decode(CloudEventJson.Encode(e)); // as it goes between activities
        Assert.Equal(e.Data, travelled.Data);
        Assert.EndsWith("Data,\n  hello, {not json\n", EventDisplayFormatter.Format(travelled), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ce_header_sent_twice_counts_by_its_first_value_as_in_the_Go_SDK()
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(Request("""{"message":"hi"}""", "application/json", [.. BinaryHeaders, ("ce-type", "dev.example.second")]));

        Assert.Null(problem);
        Assert.Equal(BinaryHeaders.Single(h => h.Item1 == "ce-type").Item2, Assert.Single(events!).Type);
    }

    [Fact]
    public void A_reply_header_sent_twice_counts_by_its_first_value_as_in_the_Go_SDK()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        foreach ((string name, string value) in new[] { ("ce-specversion", "1.0"), ("ce-id", "r-1"), ("ce-source", "/step"), ("ce-type", "com.example.start"), ("ce-type", "dev.example.appended") })
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        CloudEventRead read = CloudEventHttpWriter.ParseReply(response, []);

        Assert.Equal("com.example.start", Assert.Single(read.Events!).Type);
    }

    [Fact]
    public async Task Structured_mode()
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(Request(
            """{"specversion":"1.0","id":"s-1","source":"/test","type":"t","datacontenttype":"application/json","data":{"message":"hi"}}""",
            "application/cloudevents+json; charset=utf-8"));

        Assert.Null(problem);
        Assert.Equal("s-1", Assert.Single(events!).Id);
    }

    [Fact]
    public async Task Batch_mode()
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(Request(
            """[{"specversion":"1.0","id":"1","source":"/t","type":"t"},{"specversion":"1.0","id":"2","source":"/t","type":"t"}]""",
            "application/cloudevents-batch+json; charset=utf-8"));

        Assert.Null(problem);
        Assert.Equal(["1", "2"], events!.Select(e => e.Id));
    }

    [Theory]
    [InlineData("""{"specversion":"9000.1","id":"1","source":"/t","type":"t"}""", "application/cloudevents+json", "9000.1")]
    [InlineData("""{"specversion":"1.0","source":"/t","type":"t"}""", "application/cloudevents+json", "id")]
    [InlineData("not json", "application/cloudevents+json", "not valid JSON")]
    [InlineData("", "application/cloudevents+json", "empty")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/t","type":"t"},{"specversion":"1.0","id":"2","source":"/t"}]""", "application/cloudevents-batch+json", "Nothing of the batch was accepted")]
    public async Task Invalid_events_are_400_with_what_was_wrong(string body, string contentType, string mention)
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(Request(body, contentType));

        Assert.Null(events);
        Assert.Equal(400, problem!.Status);
        Assert.Contains(mention, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_mode_with_unknown_specversion_is_400()
    {
        var (_, problem) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json",
            ("ce-specversion", "9000.1"), ("ce-id", "1"), ("ce-source", "/t"), ("ce-type", "t")));

        Assert.Equal(400, problem!.Status);
        Assert.Contains("9000.1", problem.Detail, StringComparison.Ordinal);
    }

    [Theory] // Knative's Go SDK parses ce-source as sent, before any percent-decoding
    [InlineData("/100%25of", "/100%of")]
    [InlineData("/a%01b", "/a\u0001b")]
    public async Task A_source_header_is_checked_as_sent(string header, string source)
    {
        var (events, _) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json",
            ("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", header), ("ce-type", "t")));

        Assert.Equal(source, Assert.Single(events!).Source!.OriginalString);
    }

    [Fact]
    public async Task Plain_json_without_ce_headers_is_refused_as_not_a_cloudevent()
    {
        var (_, problem) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json"));

        Assert.Equal(400, problem!.Status);
        Assert.Contains("binary mode", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_the_limit_is_413()
    {
        var (_, problem) = await CloudEventHttpReader.ReadAsync(Request(new string('x', 2000), "application/json", BinaryHeaders), maxBytes: 1000);

        Assert.Equal(413, problem!.Status);
    }

    [Fact]
    public async Task A_body_with_its_content_length_is_read_whole_however_the_server_hands_it_over()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"message":"Hello world! - Handled by 0"}""");
        HttpRequest request = Request("", "application/json", BinaryHeaders);
        request.ContentLength = body.Length;
        request.Body = new TrickleStream(body);

        var (events, problem) = await CloudEventHttpReader.ReadAsync(request);

        Assert.Null(problem);
        Assert.Equal("Hello world! - Handled by 0", ((System.Text.Json.JsonElement)Assert.Single(events!).Data!).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_declared_content_length_over_the_limit_is_413_before_the_body_is_read()
    {
        HttpRequest request = Request("{}", "application/json", BinaryHeaders);
        request.ContentLength = 5000;

        var (_, problem) = await CloudEventHttpReader.ReadAsync(request, maxBytes: 1000);

        Assert.Equal(413, problem!.Status);
    }

    [Theory]
    [InlineData("a+b", "a+b")]
    [InlineData("a+b%20c%C3%A9", "a+b cé")]
    [InlineData("100%", "100%")]
    [InlineData("%zz%2", "%zz%2")]
    [InlineData("%F0%9F%98%80 ok", "\U0001F600 ok")]
    public async Task Header_values_are_percent_decoded_and_keep_their_plus_signs(string header, string expected)
    {
        var (events, _) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json", [.. BinaryHeaders[..4], ("ce-somekey", header)]));

        Assert.Equal(expected, Assert.Single(events!)["somekey"]);
    }

    [Theory] // 3.1.3.2: a value "MUST first be unescaped with respect to double-quoted strings" (RFC 7230, 3.2.6), then percent-decoded
    [InlineData("\"quoted value\"", "quoted value")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("x \"y\" z", "x y z")]
    [InlineData("\"caf%C3%A9\"", "café")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("outside\\\"in\"", "outside\\in")]
    public async Task Header_values_are_unescaped_of_double_quoted_strings_then_percent_decoded(string header, string expected)
    {
        var (events, _) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json", [.. BinaryHeaders[..4], ("ce-somekey", header)]));

        Assert.Equal(expected, Assert.Single(events!)["somekey"]);
    }

    [Theory] // a quote no other closes starts no quoted string (RFC 7230's quoted-string ends with one)
    [InlineData("\"open", "\"open")]
    [InlineData("\"a\" b \"c\\\"d", "a b \"c\\\"d")]
    public async Task A_quote_that_does_not_close_stays_in_the_value_as_written(string header, string expected)
    {
        var (events, _) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json", [.. BinaryHeaders[..4], ("ce-somekey", header)]));

        Assert.Equal(expected, Assert.Single(events!)["somekey"]);
    }

    [Theory] // the CloudEvents HTTP binding, 3.1.3.2: "encoded byte sequences which are invalid in UTF-8 MUST be rejected"
    [InlineData("%C0%80")]
    [InlineData("a%FF")]
    [InlineData("%E2%82")]
    public async Task Header_values_whose_percent_encoded_bytes_are_not_utf8_are_refused(string header)
    {
        var (events, problem) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json", [.. BinaryHeaders[..4], ("ce-somekey", header)]));

        Assert.Null(events);
        Assert.Equal((400, "Header ce-somekey holds percent-encoded bytes that are not UTF-8, which the CloudEvents HTTP binding says to reject."), (problem!.Status, problem.Detail));
    }

    [Theory] // 3.1.3.2: space, '"', '%' and what is not printable ASCII MUST be percent-encoded; read back, the value is as it was
    [InlineData(" padded ", "%20padded%20")]
    [InlineData("Service/x at /p", "Service/x%20at%20/p")]
    [InlineData("say \"100%\"", "say%20%22100%25%22")]
    [InlineData("café \U0001F600", "caf%C3%A9%20%F0%9F%98%80")]
    [InlineData("plain/value?a=b#c+d", "plain/value?a=b#c+d")]
    public async Task Header_values_are_percent_encoded_as_the_binding_requires_and_read_back_unchanged(string value, string header)
    {
        var cloudEvent = new CloudEvent { Id = "1", Type = "t", Source = new Uri("/s", UriKind.Relative), ["somekey"] = value };

        using HttpRequestMessage request = CloudEventHttpWriter.CreateBinaryRequest(new Uri("http://127.0.0.1/"), cloudEvent);
        string written = request.Content!.Headers.GetValues("ce-somekey").Single();
        var (events, _) = await CloudEventHttpReader.ReadAsync(Request("{}", "application/json", [.. BinaryHeaders[..4], ("ce-somekey", written)]));

        Assert.Equal(header, written);
        Assert.Equal(value, Assert.Single(events!)["somekey"]);
    }

    /// <summary>A body that arrives a few bytes per read, as a network stream may hand it over.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(3, buffer.Length)], cancellationToken);
    }
}
