namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary><c>EXISTS identifier</c>: whether the event carries the attribute; never an error.</summary>
/// <param name="name">The attribute name, lower case.</param>
/// <param name="position">Where <c>EXISTS</c> starts.</param>
/// <param name="namePosition">Where the name starts.</param>
internal sealed class ExistsNode(string name, int position, int namePosition) : CesqlNode(position)
{
    /// <summary>The attribute name, lower case.</summary>
    public string Name { get; } = name;

    /// <summary>1-based offset of the name in the expression text.</summary>
    public int NamePosition { get; } = namePosition;

    /// <inheritdoc />
    public override CesqlValue Evaluate(CesqlEvaluation evaluation) => CesqlValue.Of(evaluation.HasAttribute(Name));
}
