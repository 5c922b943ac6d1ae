namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>The kinds of token the CESQL lexer produces.</summary>
internal enum CesqlTokenKind
{
    End,
    Integer,
    String,
    Identifier,
    And,
    Or,
    Xor,
    Not,
    Like,
    Exists,
    In,
    True,
    False,
    OpenParen,
    CloseParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
