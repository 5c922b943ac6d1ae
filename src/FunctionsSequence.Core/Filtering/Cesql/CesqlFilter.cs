using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// Knative's <c>cesql</c> filter dialect: Pass when the expression is <c>true</c>; Fail when it is
/// <c>false</c> or met any error (spec §1.2; Knative fails the filter on an evaluation error); Aborted
/// when, without an error, its value is not a Boolean. The spec fails such an event too; Knative's broker
/// asserts the value to a Go <c>bool</c>, which panics and fails the request to its filter, so the event
/// reaches the subscriber through no <c>not</c> or <c>any</c> around it. An empty expression checks
/// nothing: NoFilter, as in Knative.
/// </summary>
/// <param name="expression">The parsed expression, or null for an empty one.</param>
public sealed class CesqlFilter(CesqlExpression? expression) : IEventFilter
{
    /// <summary>The expression the filter evaluates; null when it was empty.</summary>
    public CesqlExpression? Expression { get; } = expression;

    /// <summary>A filter for the text of a <c>cesql</c> entry; empty or blank text gives a filter that checks nothing.</summary>
    /// <exception cref="CesqlParseException">The text is not a CESQL v1 expression.</exception>
    public static CesqlFilter Parse(string? text) =>
        new(string.IsNullOrWhiteSpace(text) ? null : CesqlExpression.Parse(text));

    /// <inheritdoc />
    public FilterResult Evaluate(CloudEvent cloudEvent)
    {
        if (Expression is null)
        {
            return FilterResult.NoFilter;
        }

        CesqlResult result = Expression.Evaluate(cloudEvent);
        return result.Errors.Count > 0 ? FilterResult.Fail
            : result.Value.Type != CesqlType.Boolean ? FilterResult.Aborted
            : result.Value.AsBoolean() ? FilterResult.Pass
            : FilterResult.Fail;
    }
}
