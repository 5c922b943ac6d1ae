using System.Text;
using System.Text.Json;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Tests.CloudEvents;

/// <summary>
/// What decoding says about an event it refuses: the attribute by name, its value quoted, why, in
/// plain words (the types of the exceptions are the SDK's: <see cref="CloudEventJsonTests"/>).
/// </summary>
public sealed class CloudEventJsonErrorTests
{
    private const string Required = "\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"urn:x\",\"type\":\"t\"";

    public static TheoryData<string, string> Refused() => new()
    {
        { """[]""", "a structured-mode CloudEvent is a JSON object, not a list" },
        { """{"id":"e","source":"urn:x","type":"t"}""", "missing required attribute 'specversion'" },
        { """{"specversion":1,"id":"e","source":"urn:x","type":"t"}""", "attribute 'specversion' must be a JSON string, not a number" },
        { """{"specversion":"0.9","id":"e","source":"urn:x","type":"t"}""", "attribute 'specversion' is \"0.9\", and this receiver speaks CloudEvents 1.0 only" },
        { """{"specversion":"1.0","source":"urn:x","type":"t"}""", "missing required attribute 'id'" },
        { """{"specversion":"1.0","source":"urn:x"}""", "missing required attributes 'id' and 'type'" },
        { """{"specversion":"1.0"}""", "missing required attributes 'id', 'source' and 'type'" },
        { """{"specversion":"1.0","id":"","source":"urn:x","type":"t"}""", "attribute 'id' must not be empty" },
        { """{"specversion":"1.0","id":7,"source":"urn:x","type":"t"}""", "attribute 'id' must be a JSON string, not a number" },
        { $$$"""{{{{Required}}},"time":"yesterday"}""", "attribute 'time' is \"yesterday\", not an RFC 3339 timestamp such as \"2019-09-04T02:31:00Z\"" },
        { """{"specversion":"1.0","id":"e","source":"http://[x","type":"t"}""", "attribute 'source' is \"http://[x\", not a URI reference" },
        { $$$"""{{{{Required}}},"dataschema":"rel/x"}""", "attribute 'dataschema' is \"rel/x\", not an absolute URI" },
        { $$$"""{{{{Required}}},"datacontenttype":"not a type"}""", "attribute 'datacontenttype' is \"not a type\", not a media type such as \"application/json\"" },
        { $$$"""{{{{Required}}},"ext":{"nested":1}}""", "attribute 'ext' must be a JSON string, number or boolean, not an object" },
        { $$$"""{{{{Required}}},"ext":1.5}""", "attribute 'ext' is 1.5, not a whole number from -2147483648 to 2147483647" },
        { $$$"""{{{{Required}}},"Bad_Name":"x"}""", "attribute 'Bad_Name' is not a valid attribute name: names are lowercase letters a-z and digits 0-9" },
        { $$$"""{{{{Required}}},"Type":"u"}""", "attribute 'Type' is 'type' in upper case: CloudEvents names are lower case, and an extension cannot take that name" },
        { $$$"""{{{{Required}}},"Data":{}}""", "attribute 'Data' is 'data' in upper case: CloudEvents names are lower case, and an extension cannot take that name" },
        { $$$"""{{{{Required}}},"SpecVersion":"1.0"}""", "attribute 'SpecVersion' is 'specversion' in upper case: CloudEvents names are lower case, and an extension cannot take that name" },
        { $$$"""{{{{Required}}},"MyExt":"a","myext":"b"}""", "attribute 'MyExt' names 'myext' again: CloudEvents names are lower case, so the event has two values for one attribute" },
        { $$$"""{{{{Required}}},"myext":"a","MyExt":"b"}""", "attribute 'MyExt' names 'myext' again: CloudEvents names are lower case, so the event has two values for one attribute" },
        { $$$"""{{{{Required}}},"MyExt":"a","MYEXT":"b"}""", "attribute 'MYEXT' names 'myext' again: CloudEvents names are lower case, so the event has two values for one attribute" },
        { $$$"""{{{{Required}}},"MyExt":{"a":1}}""", "attribute 'MyExt' must be a JSON string, number or boolean, not an object" },
        { $$$"""{{{{Required}}},"data":{},"data_base64":"AA=="}""", "an event carries 'data' or 'data_base64', and this one has both" },
        { $$$"""{{{{Required}}},"data_base64":5}""", "'data_base64' must be a JSON string (base64), not a number" },
        { $$$"""{{{{Required}}},"data_base64":"!!"}""", "'data_base64' is not base64" },
        { $$$"""{{{{Required}}},"datacontenttype":"text/plain","data":{"a":1}}""", "'data' must be a JSON string when datacontenttype is \"text/plain\" (not JSON), not an object" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Says_which_attribute_and_why_in_plain_words(string json, string expected)
    {
        Exception error = Assert.ThrowsAny<Exception>(() => CloudEventJson.Decode(json));

        Assert.True(error is ArgumentException or FormatException, error.GetType().Name);
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("{not json", "unexpected 'n' at line 1, column 2")]
    [InlineData("{\"a\": 1,}", "unexpected '}' at line 1, column 9")]
    [InlineData("{\n  \"é\": tru }", "unexpected space at line 2, column 11")]
    [InlineData("{\"a\": \"é\" x", "unexpected 'x' at line 1, column 11")]
    [InlineData("{\"a\": 1", "it ends at line 1, column 8 before the JSON is complete")]
    [InlineData("{\"a\": 1}\n{", "unexpected '{' at line 2, column 1")]
    [InlineData("\"\u00ff", "it ends at line 1, column 3 before the JSON is complete")]
    public void A_syntax_error_is_told_by_line_column_and_what_was_found(string json, string expected)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        JsonException error = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(utf8));

        Assert.Equal(expected, JsonErrors.Syntax(error, utf8));
    }

    [Fact]
    public void A_byte_that_is_not_a_character_is_named_by_its_value()
    {
        byte[] utf8 = [(byte)'[', 0xFF, (byte)']'];
        JsonException error = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(utf8));

        Assert.Equal("unexpected byte 0xFF at line 1, column 2", JsonErrors.Syntax(error, utf8));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a \"quoted\"\nline", "\"a \\\"quoted\\\"\\nline\"")]
    [InlineData("café", "\"café\"")]
    public void Values_are_quoted_escaped_and_kept_readable(string text, string expected)
    {
        Assert.Equal(expected, AttributeErrors.Quote(text));
    }

    [Fact]
    public void An_attribute_name_from_outside_cannot_break_a_log_line()
    {
        FormatException error = Assert.Throws<FormatException>(() => CloudEventJson.Decode("""{"specversion":"1.0","id":"a","source":"/s","type":"t","bad\nname\u001b[31m":1.5}"""));

        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("'bad\\nname\\u001B[31m'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_value_is_cut_at_a_hundred_characters()
    {
        Assert.Equal("\"" + new string('x', 100) + "…\"", AttributeErrors.Quote(new string('x', 500)));
    }
}
