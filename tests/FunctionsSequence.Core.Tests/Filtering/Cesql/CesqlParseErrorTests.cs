using FunctionsSequence.Core.Filtering.Cesql;

namespace FunctionsSequence.Core.Tests.Filtering.Cesql;

public sealed class CesqlParseErrorTests
{
    private static CesqlParseException ParseError(string text) =>
        Assert.Throws<CesqlParseException>(() => CesqlExpression.Parse(text));

    [Theory]
    [InlineData("ABC(", 5, "CESQL parse error at column 5: expected a value, an attribute, a function call or '(', found the end of the expression")]
    [InlineData("x LIKE 123", 8, "CESQL parse error at column 8: the pattern of LIKE must be a string literal, found the integer 123")]
    [InlineData("type = 'abc", 8, "CESQL parse error at column 8: the string literal opened here with ' is never closed")]
    [InlineData("(1 + 2", 7, "CESQL parse error at column 7: expected ')' to close the '(' at column 1, found the end of the expression")]
    [InlineData("CONCAT('a' 'b')", 12, "CESQL parse error at column 12: expected ',' or ')' to close the arguments of CONCAT opened at column 7, found the string literal 'b'")]
    [InlineData("source IN ()", 12, "CESQL parse error at column 12: the set of values after IN is empty; it needs at least one value")]
    [InlineData("type NOT 'a'", 10, "CESQL parse error at column 10: expected LIKE or IN after NOT, found the string literal 'a'")]
    [InlineData("a = = b", 5, "CESQL parse error at column 5: expected a value, an attribute, a function call or '(', found '='")]
    [InlineData("id = 'a' id", 10, "CESQL parse error at column 10: expected an operator or the end of the expression, found 'id'")]
    [InlineData("hop ! 3", 5, "CESQL parse error at column 5: '!' is only valid in '!='; negation is NOT")]
    [InlineData("type = 'a' ; drop", 12, "CESQL parse error at column 12: unexpected character ';'")]
    [InlineData("2147483648 > 0", 1, "CESQL parse error at column 1: the integer 2147483648 does not fit in 32 bits")]
    [InlineData("my_ext = 1", 1, "CESQL parse error at column 1: 'my_ext' is not an attribute name: those are letters and digits only")]
    [InlineData("f1(2)", 1, "CESQL parse error at column 1: 'f1' is not a function name: those are letters and underscores, starting with a letter")]
    [InlineData("EXISTS 'id'", 8, "CESQL parse error at column 8: EXISTS takes an attribute name, found the string literal 'id'")]
    [InlineData("  ", 3, "CESQL parse error at column 3: the expression is empty")]
    public void Points_at_the_offending_character(string text, int position, string message)
    {
        CesqlParseException error = ParseError(text);

        Assert.Equal(position, error.Position);
        Assert.Equal(message, error.Message);
        Assert.Equal(text, error.Expression);
    }

    [Fact]
    public void Gives_line_and_column_in_a_multi_line_expression()
    {
        CesqlParseException error = ParseError("type = 'a'\n  AND (source LIKE 1)");

        Assert.Equal((2, 20), (error.Line, error.Column));
        Assert.Equal(31, error.Position);
        Assert.StartsWith("CESQL parse error at line 2, column 20: the pattern of LIKE", error.Message, StringComparison.Ordinal);
        Assert.Equal("the pattern of LIKE must be a string literal, found the integer 1", error.Reason);
    }

    [Fact]
    public void Accepts_the_most_negative_integer_only_as_a_signed_literal()
    {
        Assert.Equal(CesqlValue.Of(int.MinValue), CesqlExpression.Parse("-2147483648").Evaluate(Events.Json("{}")).Value);
        Assert.Equal(3, ParseError("-(2147483648)").Position);
    }

    [Fact]
    public void Refuses_nesting_that_could_exhaust_the_stack()
    {
        string parentheses = new string('(', 300) + "1" + new string(')', 300);
        string chain = string.Join(" + ", Enumerable.Repeat("1", 1100));
        string nots = string.Concat(Enumerable.Repeat("NOT ", 300)) + "TRUE";

        Assert.Contains("nests parentheses, arguments or prefix operators more than 200 deep", ParseError(parentheses).Message, StringComparison.Ordinal);
        Assert.Contains("more than 1000 operators deep", ParseError(chain).Message, StringComparison.Ordinal);
        Assert.Contains("more than 200 deep", ParseError(nots).Message, StringComparison.Ordinal);
        Assert.Equal(CesqlValue.Of(200), CesqlExpression.Parse(string.Join(" + ", Enumerable.Repeat("1", 200))).Evaluate(Events.Json("{}")).Value);
    }
}
