namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// A node of a parsed expression. Evaluation is total: a node always returns a value and reports
/// errors to the <see cref="CesqlEvaluation"/> instead of throwing.
/// </summary>
/// <param name="position">1-based offset of the node's operator, function name, attribute or literal.</param>
/// <param name="children">The operands.</param>
internal abstract class CesqlNode(int position, params CesqlNode[] children)
{
    /// <summary>1-based offset of the node in the expression text, where its errors point.</summary>
    public int Position { get; } = position;

    /// <summary>The operands, in the order written.</summary>
    public IReadOnlyList<CesqlNode> Children { get; } = children;

    /// <summary>Nodes on the longest path from here to a leaf; the parser caps it so evaluation cannot overflow the stack.</summary>
    public int Depth { get; } = 1 + (children.Length == 0 ? 0 : children.Max(c => c.Depth));

    /// <summary>Evaluates the node against the event of <paramref name="evaluation"/>.</summary>
    public abstract CesqlValue Evaluate(CesqlEvaluation evaluation);
}
