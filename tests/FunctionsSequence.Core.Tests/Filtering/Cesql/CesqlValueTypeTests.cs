using FunctionsSequence.Core.Filtering.Cesql;

namespace FunctionsSequence.Core.Tests.Filtering.Cesql;

/// <summary>The type of an expression's value as the text tells it, which validation checks is a Boolean.</summary>
public sealed class CesqlValueTypeTests
{
    [Theory]
    [InlineData("type = 'a'", CesqlType.Boolean)]
    [InlineData("TRUE", CesqlType.Boolean)]
    [InlineData("EXISTS myext OR myext LIKE 'a%'", CesqlType.Boolean)]
    [InlineData("NOT myext", CesqlType.Boolean)]
    [InlineData("BOOL(myext)", CesqlType.Boolean)]
    [InlineData("type", CesqlType.String)]
    [InlineData("(time)", CesqlType.String)]
    [InlineData("specversion", CesqlType.String)]
    [InlineData("'abc'", CesqlType.String)]
    [InlineData("CONCAT(type, myext)", CesqlType.String)]
    [InlineData("1 + 2", CesqlType.Integer)]
    [InlineData("-myext", CesqlType.Integer)]
    [InlineData("LENGTH(type)", CesqlType.Integer)]
    [InlineData("7", CesqlType.Integer)]
    public void Is_told_by_the_text(string text, CesqlType expected) =>
        Assert.Equal(expected, CesqlExpression.Parse(text).ValueType);

    [Theory]
    [InlineData("myext")] // an extension may be a Boolean
    [InlineData("FOO(type)")] // a call no function takes is an error, warned about as such
    public void Is_unknown_for_an_extension_or_a_missing_function(string text) =>
        Assert.Null(CesqlExpression.Parse(text).ValueType);
}
