using CloudNative.CloudEvents;
using FunctionsSequence.Core.Filtering.Cesql;

namespace FunctionsSequence.Core.Tests.Filtering.Cesql;

/// <summary>Semantics the TCK leaves out: precedence, 32-bit arithmetic, Unicode, typed extensions, error details.</summary>
public sealed class CesqlEvaluationTests
{
    private static CesqlResult Evaluate(string text, CloudEvent? cloudEvent = null) =>
        CesqlExpression.Parse(text).Evaluate(cloudEvent ?? Events.Json("{}", type: "com.example.order"));

    private static object Value(string text, CloudEvent? cloudEvent = null)
    {
        CesqlResult result = Evaluate(text, cloudEvent);
        Assert.Empty(result.Errors);
        return result.Value.ToObject();
    }

    [Theory]
    // AND, OR and XOR share one level, evaluated left to right (spec §3.6).
    [InlineData("TRUE OR FALSE AND FALSE", false)]
    [InlineData("FALSE AND FALSE OR TRUE", true)]
    [InlineData("TRUE OR (FALSE AND FALSE)", true)]
    // Comparison binds looser than arithmetic, logic looser than comparison.
    [InlineData("1 + 2 * 3 = 7 AND 10 - 2 - 3 = 5", true)]
    // Unary operators bind tighter than LIKE and IN: (NOT 'abc') is a failed cast, so use NOT LIKE.
    [InlineData("'abc' NOT LIKE 'b%'", true)]
    [InlineData("NOT ('abc' LIKE 'b%')", true)]
    [InlineData("2 IN (1, 2) = TRUE", true)]
    public void Follows_the_spec_precedence(string text, bool expected) => Assert.Equal(expected, Value(text));

    [Theory]
    [InlineData("5-3", 2)]
    [InlineData("5 - -3", 8)]
    [InlineData("+5 - 3", 2)]
    [InlineData("2147483647 + 1", int.MinValue)]
    [InlineData("-2147483648 - 1", int.MaxValue)]
    [InlineData("65536 * 65536", 0)]
    [InlineData("-2147483648 / -1", int.MinValue)]
    [InlineData("-2147483648 % -1", 0)]
    [InlineData("-7 / 2", -3)]
    [InlineData("-7 % 2", -1)]
    [InlineData("--2147483648", int.MinValue)]
    public void Does_32_bit_arithmetic(string text, int expected) => Assert.Equal(expected, Value(text));

    [Theory]
    [InlineData("LENGTH('😀a')", 2)]
    [InlineData("'😀' LIKE '_'", true)]
    [InlineData("SUBSTRING('a😀b', 2, 1)", "😀")]
    [InlineData("RIGHT('a😀', 1)", "😀")]
    [InlineData("LEFT('😀😀😀', 2)", "😀😀")]
    [InlineData("'ümlaut' LIKE '_mlaut'", true)]
    public void Counts_characters_as_code_points(string text, object expected) => Assert.Equal(expected, Value(text));

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("'a\\b'", "a\\b")]
    [InlineData("'100%' LIKE '100\\%'", true)]
    [InlineData("'100x' LIKE '100\\%'", false)]
    [InlineData("'a\\b' LIKE 'a\\b'", true)]
    [InlineData("'%%' LIKE '%\\%'", true)]
    [InlineData("'' LIKE '%'", true)]
    [InlineData("'' LIKE ''", true)]
    [InlineData("'aXbXc' LIKE '%X%X%'", true)]
    [InlineData("'mississippi' LIKE '%iss%ppi'", true)]
    [InlineData("'mississippi' LIKE 'm%issi_'", false)]
    public void Reads_strings_and_patterns(string text, object expected) => Assert.Equal(expected, Value(text));

    [Theory]
    [InlineData("concat_ws('-', 'a', 'b')", "a-b")]
    [InlineData("Length('abc')", 3)]
    [InlineData("TYPE = 'com.example.order' and Exists ID", true)]
    [InlineData("SUBSTRING('abc', -3)", "abc")]
    [InlineData("SUBSTRING('abc', 3, 2147483647)", "c")]
    [InlineData("TRIM('\u00a0\u2003 a b \t\n')", "a b")]
    [InlineData("IS_INT('-12') AND NOT IS_INT('1.5') AND IS_BOOL('False') AND NOT IS_BOOL('yes')", true)]
    [InlineData("STRING(INT('+042'))", "42")]
    public void Calls_functions_and_keywords_in_any_case(string text, object expected) => Assert.Equal(expected, Value(text));

    [Fact]
    public void Reads_integer_and_boolean_extensions_with_their_type()
    {
        CloudEvent cloudEvent = Events.Json("{}");
        cloudEvent[CloudEventAttribute.CreateExtension("ttl", CloudEventAttributeType.Integer)] = 25;
        cloudEvent[CloudEventAttribute.CreateExtension("urgent", CloudEventAttributeType.Boolean)] = true;
        cloudEvent[CloudEventAttribute.CreateExtension("link", CloudEventAttributeType.Uri)] = new Uri("https://example.com/a");

        Assert.Equal(25, Value("ttl", cloudEvent));
        Assert.Equal(true, Value("urgent", cloudEvent));
        Assert.Equal("https://example.com/a", Value("link", cloudEvent));
        Assert.Equal(true, Value("ttl < 30 AND urgent AND link LIKE 'https://%'", cloudEvent));
        Assert.Equal("1.0", Value("specversion", cloudEvent));
        Assert.Equal(false, Value("EXISTS time OR EXISTS data", cloudEvent));
    }

    [Fact]
    public void Stops_an_IN_at_the_first_match_as_Knative_does()
    {
        Assert.Equal(true, Value("'a' IN ('a', missing)"));

        CesqlResult result = Evaluate("'a' IN (missing, 'a')");
        Assert.Equal(CesqlValue.False, result.Value);
        Assert.Equal(CesqlErrorKind.MissingAttribute, Assert.Single(result.Errors).Kind);
    }

    [Fact]
    public void Errors_name_what_failed_and_where()
    {
        CesqlResult missing = Evaluate("type = 'x' OR myext = 'y'");
        CesqlError error = Assert.Single(missing.Errors);
        Assert.Equal(new CesqlError(CesqlErrorKind.MissingAttribute, "the event has no attribute 'myext'", 15), error);
        Assert.Equal("MissingAttribute error at position 15: the event has no attribute 'myext'", error.ToString());

        Assert.Equal(
            [new CesqlError(CesqlErrorKind.Cast, "cannot cast the String 'a' to Integer", 5), new CesqlError(CesqlErrorKind.Cast, "cannot cast the String 'b' to Integer", 5)],
            Evaluate("'a' + 'b'").Errors);
        Assert.Equal("LEFT takes 2 arguments, not 1", Assert.Single(Evaluate("left('abc')").Errors).Message);
        Assert.Equal("division of 7 by zero", Assert.Single(Evaluate("7 / (2 - 2)").Errors).Message);
        Assert.Equal(CesqlErrorKind.FunctionEvaluation, Assert.Single(Evaluate("SUBSTRING('abc', 1, -1)").Errors).Kind);
        Assert.Equal("cannot cast the String ' 42' to Integer", Assert.Single(Evaluate("INT(' 42')").Errors).Message);
    }

    [Fact]
    public void Returns_the_zero_value_of_an_operator_whose_operand_failed()
    {
        Assert.Equal(CesqlValue.Of(0), Evaluate("missing + 1").Value);
        Assert.Equal(CesqlValue.Of(string.Empty), Evaluate("UPPER(missing)").Value);
        Assert.Equal(CesqlValue.False, Evaluate("missing OR TRUE").Value);
        Assert.Equal(CesqlValue.Of(0), Evaluate("LENGTH(LEFT('abc', -1))").Value);
    }
}
