namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>The binary operators of spec §3.4.2, grouped by the node that evaluates them.</summary>
internal enum BinaryOperator
{
    Multiply,
    Divide,
    Modulo,
    Add,
    Subtract,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    Xor,
}
