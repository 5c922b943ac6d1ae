using FunctionsSequence.Core.Filtering.Cesql;

namespace FunctionsSequence.Core.Tests.Filtering.Cesql;

/// <summary>Calls no built-in function takes: they parse (spec §3.5, TCK "CONCAT_WS without arguments doesn't exist") and are listed for validation.</summary>
public sealed class CesqlMissingFunctionTests
{
    [Theory]
    [InlineData("FOO(type) = 'a'", "FOO", 1, 1, "FOO is not a CloudEvents SQL function (they are ABS, BOOL, CONCAT, CONCAT_WS, INT, IS_BOOL, IS_INT, LEFT, LENGTH, LOWER, RIGHT, STRING, SUBSTRING, TRIM, UPPER)")]
    [InlineData("lowr(type) = 'a'", "LOWR", 1, 1, "LOWR is not a CloudEvents SQL function; did you mean LOWER?")]
    [InlineData("type = 'a' AND SUBSTR(source, 1) = 'x'", "SUBSTR", 2, 16, "SUBSTR is not a CloudEvents SQL function; did you mean SUBSTRING?")]
    [InlineData("LEN(type) = 1", "LEN", 1, 1, "LEN is not a CloudEvents SQL function; did you mean LENGTH?")]
    [InlineData("INTEGER(myext) = 1", "INTEGER", 1, 1, "INTEGER is not a CloudEvents SQL function; did you mean INT?")]
    [InlineData("UPER(type) = 'A'", "UPER", 1, 1, "UPER is not a CloudEvents SQL function; did you mean UPPER?")]
    [InlineData("LEFT(type) = 'a'", "LEFT", 1, 1, "LEFT takes 2 arguments, not 1")]
    [InlineData("LENGTH(type, source) > 1", "LENGTH", 2, 1, "LENGTH takes 1 argument, not 2")]
    [InlineData("SUBSTRING(type) = 'a'", "SUBSTRING", 1, 1, "SUBSTRING takes 2 or 3 arguments, not 1")]
    [InlineData("CONCAT_WS() = ''", "CONCAT_WS", 0, 1, "CONCAT_WS takes 1 or more arguments, not 0")]
    [InlineData("ABS() = 0", "ABS", 0, 1, "ABS takes 1 argument, not 0")]
    public void An_unknown_name_or_a_wrong_number_of_arguments_is_listed_with_why(string text, string name, int arity, int position, string reason)
    {
        CesqlExpression expression = CesqlExpression.Parse(text);

        Assert.Equal(new CesqlMissingFunction(name, arity, position, reason), Assert.Single(expression.MissingFunctions));
    }

    [Theory]
    [InlineData("LOWER(type) = 'a'")]
    [InlineData("concat() = '' AND concat_ws(',', 'a', 'b', 'c') = 'a,b,c'")]
    [InlineData("SUBSTRING(type, 1) = SUBSTRING(type, 1, 100)")]
    [InlineData("IS_INT(myext) OR IS_BOOL(myext) OR STRING(INT(BOOL('true'))) = '1'")]
    public void Calls_every_engine_takes_are_not_listed(string text)
    {
        Assert.Empty(CesqlExpression.Parse(text).MissingFunctions);
    }

    [Fact]
    public void Nested_calls_are_listed_in_the_order_written()
    {
        CesqlExpression expression = CesqlExpression.Parse("UPPER(FOO(BAR(type))) = LEFT(type)");

        Assert.Equal(["FOO", "BAR", "LEFT"], expression.MissingFunctions.Select(m => m.Name));
    }

    [Fact]
    public void An_unknown_function_still_evaluates_to_false_with_a_missing_function_error()
    {
        CesqlResult result = CesqlExpression.Parse("LOWR(type) = 'a'").Evaluate(new CloudNative.CloudEvents.CloudEvent { Id = "1", Source = new Uri("urn:s"), Type = "a" });

        Assert.Equal(CesqlValue.False, result.Value);
        Assert.Equal(new CesqlError(CesqlErrorKind.MissingFunction, "LOWR is not a CloudEvents SQL function; did you mean LOWER?", 1), Assert.Single(result.Errors));
    }
}
