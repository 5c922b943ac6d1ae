namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// A value identifier: a context attribute or extension of the event. A missing attribute raises
/// a MissingAttributeError; its value is <c>false</c>, the spec's choice when the type of the
/// subexpression cannot be told (§3.2), and the operator above it returns its own zero value.
/// </summary>
/// <param name="name">The attribute name, lower case.</param>
/// <param name="position">Where the name starts in the expression.</param>
internal sealed class AttributeNode(string name, int position) : CesqlNode(position)
{
    /// <summary>The attribute name, lower case.</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation)
    {
        if (evaluation.ReadAttribute(Name) is CesqlValue value)
        {
            return value;
        }

        evaluation.Report(CesqlErrorKind.MissingAttribute, $"the event has no attribute '{Name}'", Position);
        return CesqlValue.False;
    }
}
