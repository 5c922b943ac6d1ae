using System.Globalization;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// Recursive descent over the tokens, one method per precedence level of spec §3.6, loosest first:
/// AND/OR/XOR (one level, left to right as §3.6 says), comparisons, <c>+ -</c>, <c>* / %</c>, the
/// postfix LIKE and IN, the prefix NOT, <c>-</c> and EXISTS, then literals, attributes, calls and
/// parentheses. Unary operators bind tighter than LIKE, as the spec orders them, so
/// <c>NOT x LIKE 'a'</c> is <c>(NOT x) LIKE 'a'</c>; write <c>x NOT LIKE 'a'</c>.
/// </summary>
internal sealed class CesqlParser
{
    /// <summary>Deepest expression tree accepted, so that evaluation stays far from the stack's limit.</summary>
    internal const int MaxDepth = 1000;

    /// <summary>Most parentheses, arguments and prefix operators nested in one another, for the same reason while parsing.</summary>
    internal const int MaxNesting = 200;

    private readonly string text;
    private readonly List<CesqlToken> tokens;
    private int next;
    private int nesting;

    private CesqlParser(string text)
    {
        this.text = text;
        tokens = CesqlLexer.Tokenize(text);
    }

    private CesqlToken Current => tokens[next];

    /// <summary>Parses a whole expression; throws <see cref="CesqlParseException"/> at the first error.</summary>
    public static CesqlNode Parse(string text)
    {
        var parser = new CesqlParser(text);
        if (parser.Current.Kind == CesqlTokenKind.End)
        {
            throw parser.Error("the expression is empty", parser.Current.Position);
        }

        CesqlNode root = parser.ParseLogical();
        if (parser.Current.Kind != CesqlTokenKind.End)
        {
            throw parser.Error($"expected an operator or the end of the expression, found {parser.Current.Describe()}", parser.Current.Position);
        }

        return root;
    }

    private CesqlNode ParseLogical()
    {
        CesqlNode left = ParseComparison();
        while (Current.Kind is CesqlTokenKind.And or CesqlTokenKind.Or or CesqlTokenKind.Xor)
        {
            CesqlToken op = Take();
            BinaryOperator kind = op.Kind switch
            {
                CesqlTokenKind.And => BinaryOperator.And,
                CesqlTokenKind.Or => BinaryOperator.Or,
                _ => BinaryOperator.Xor,
            };
            left = Checked(new LogicalNode(kind, left, ParseComparison(), op.Position));
        }

        return left;
    }

    private CesqlNode ParseComparison()
    {
        CesqlNode left = ParseAdditive();
        while (ComparisonOperator(Current.Kind) is BinaryOperator kind)
        {
            CesqlToken op = Take();
            left = Checked(new ComparisonNode(kind, left, ParseAdditive(), op.Position));
        }

        return left;
    }

    private CesqlNode ParseAdditive()
    {
        CesqlNode left = ParseMultiplicative();
        while (Current.Kind is CesqlTokenKind.Plus or CesqlTokenKind.Minus)
        {
            CesqlToken op = Take();
            BinaryOperator kind = op.Kind == CesqlTokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = Checked(new ArithmeticNode(kind, left, ParseMultiplicative(), op.Position));
        }

        return left;
    }

    private CesqlNode ParseMultiplicative()
    {
        CesqlNode left = ParsePostfix();
        while (Current.Kind is CesqlTokenKind.Star or CesqlTokenKind.Slash or CesqlTokenKind.Percent)
        {
            CesqlToken op = Take();
            BinaryOperator kind = op.Kind switch
            {
                CesqlTokenKind.Star => BinaryOperator.Multiply,
                CesqlTokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Modulo,
            };
            left = Checked(new ArithmeticNode(kind, left, ParsePostfix(), op.Position));
        }

        return left;
    }

    /// <summary><c>x [NOT] LIKE 'pattern'</c> and <c>x [NOT] IN (set)</c>, applied left to right.</summary>
    private CesqlNode ParsePostfix()
    {
        CesqlNode operand = ParseUnary();
        while (true)
        {
            bool negated = Current.Kind == CesqlTokenKind.Not;
            CesqlToken op = negated ? tokens[next + 1] : Current;
            if (op.Kind == CesqlTokenKind.Like)
            {
                next += negated ? 2 : 1;
                CesqlToken pattern = Current;
                if (pattern.Kind != CesqlTokenKind.String)
                {
                    throw Error($"the pattern of LIKE must be a string literal, found {pattern.Describe()}", pattern.Position);
                }

                Take();
                operand = Checked(new LikeNode(operand, LikePattern.Compile(pattern.Text), negated, op.Position));
            }
            else if (op.Kind == CesqlTokenKind.In)
            {
                next += negated ? 2 : 1;
                operand = Checked(new InNode(operand, ParseSet(), negated, op.Position));
            }
            else if (negated)
            {
                throw Error($"expected LIKE or IN after NOT, found {op.Describe()}", op.Position);
            }
            else
            {
                return operand;
            }
        }
    }

    private List<CesqlNode> ParseSet()
    {
        CesqlToken open = Expect(CesqlTokenKind.OpenParen, "'(' to open the set of values after IN");
        if (Current.Kind == CesqlTokenKind.CloseParen)
        {
            throw Error("the set of values after IN is empty; it needs at least one value", Current.Position);
        }

        List<CesqlNode> set = ParseList();
        Expect(CesqlTokenKind.CloseParen, $"',' or ')' to close the set of IN opened at {Where(open.Position)}");
        return set;
    }

    private CesqlNode ParseUnary()
    {
        CesqlToken token = Current;
        switch (token.Kind)
        {
            case CesqlTokenKind.Not:
                Take();
                return Checked(new NotNode(Nested(ParseUnary), token.Position));
            case CesqlTokenKind.Minus when tokens[next + 1].Kind == CesqlTokenKind.Integer:
                // A signed literal, so that -2147483648 is in range (spec §2.2 integer-literal).
                Take();
                return IntegerLiteral(Take(), negative: true, token.Position);
            case CesqlTokenKind.Minus:
                Take();
                return Checked(new NegateNode(Nested(ParseUnary), token.Position));
            case CesqlTokenKind.Plus when tokens[next + 1].Kind == CesqlTokenKind.Integer:
                Take();
                return IntegerLiteral(Take(), negative: false, token.Position);
            case CesqlTokenKind.Exists:
                Take();
                CesqlToken name = Current;
                if (name.Kind != CesqlTokenKind.Identifier || tokens[next + 1].Kind == CesqlTokenKind.OpenParen)
                {
                    throw Error($"EXISTS takes an attribute name, found {name.Describe()}", name.Position);
                }

                Take();
                return new ExistsNode(AttributeName(name), token.Position, name.Position);
            default:
                return ParsePrimary();
        }
    }

    private CesqlNode ParsePrimary()
    {
        CesqlToken token = Take();
        switch (token.Kind)
        {
            case CesqlTokenKind.Integer:
                return IntegerLiteral(token, negative: false, token.Position);
            case CesqlTokenKind.String:
                return new LiteralNode(CesqlValue.Of(token.Text), token.Position);
            case CesqlTokenKind.True or CesqlTokenKind.False:
                return new LiteralNode(CesqlValue.Of(token.Kind == CesqlTokenKind.True), token.Position);
            case CesqlTokenKind.Identifier when Current.Kind == CesqlTokenKind.OpenParen:
                return ParseCall(token);
            case CesqlTokenKind.Identifier:
                return new AttributeNode(AttributeName(token), token.Position);
            case CesqlTokenKind.OpenParen:
                CesqlNode inner = Nested(ParseLogical);
                Expect(CesqlTokenKind.CloseParen, $"')' to close the '(' at {Where(token.Position)}");
                return inner;
            default:
                throw Error($"expected a value, an attribute, a function call or '(', found {token.Describe()}", token.Position);
        }
    }

    private FunctionCallNode ParseCall(CesqlToken name)
    {
        // Function names are letters and underscores, starting with a letter (spec §2.4).
        if (!char.IsAsciiLetter(name.Text[0]) || !name.Text.All(c => char.IsAsciiLetter(c) || c == '_'))
        {
            throw Error($"'{name.Text}' is not a function name: those are letters and underscores, starting with a letter", name.Position);
        }

        CesqlToken open = Take();
        List<CesqlNode> arguments = Current.Kind == CesqlTokenKind.CloseParen ? [] : ParseList();
        Expect(CesqlTokenKind.CloseParen, $"',' or ')' to close the arguments of {name.Text} opened at {Where(open.Position)}");

        string upper = name.Text.ToUpperInvariant();
        return Checked(new FunctionCallNode(upper, BuiltInFunctions.Resolve(upper, arguments.Count), arguments, name.Position));
    }

    /// <summary>One or more comma-separated expressions, up to the closing parenthesis.</summary>
    private List<CesqlNode> ParseList()
    {
        var items = new List<CesqlNode> { Nested(ParseLogical) };
        while (Current.Kind == CesqlTokenKind.Comma)
        {
            Take();
            items.Add(Nested(ParseLogical));
        }

        return items;
    }

    private LiteralNode IntegerLiteral(CesqlToken digits, bool negative, int position)
    {
        string signed = negative ? "-" + digits.Text : digits.Text;
        if (!int.TryParse(signed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw Error($"the integer {signed} does not fit in 32 bits", position);
        }

        return new LiteralNode(CesqlValue.Of(value), position);
    }

    /// <summary>Attribute names are letters and digits (CloudEvents naming); matched case-insensitively, as Knative's engine does, since attribute names are lower case.</summary>
    private string AttributeName(CesqlToken token) => token.Text.Contains('_', StringComparison.Ordinal)
        ? throw Error($"'{token.Text}' is not an attribute name: those are letters and digits only", token.Position)
        : token.Text.ToLowerInvariant();

    private static BinaryOperator? ComparisonOperator(CesqlTokenKind kind) => kind switch
    {
        CesqlTokenKind.Equal => BinaryOperator.Equal,
        CesqlTokenKind.NotEqual => BinaryOperator.NotEqual,
        CesqlTokenKind.Less => BinaryOperator.Less,
        CesqlTokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        CesqlTokenKind.Greater => BinaryOperator.Greater,
        CesqlTokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    private CesqlToken Take() => tokens[next < tokens.Count - 1 ? next++ : next];

    private CesqlToken Expect(CesqlTokenKind kind, string what) => Current.Kind == kind
        ? Take()
        : throw Error($"expected {what}, found {Current.Describe()}", Current.Position);

    private T Checked<T>(T node) where T : CesqlNode => node.Depth <= MaxDepth
        ? node
        : throw Error($"the expression is more than {MaxDepth} operators deep", node.Position);

    /// <summary>Parses a parenthesized expression, an argument or a prefix operator's operand, counting how deep these nest.</summary>
    private CesqlNode Nested(Func<CesqlNode> parse)
    {
        if (++nesting > MaxNesting)
        {
            throw Error($"the expression nests parentheses, arguments or prefix operators more than {MaxNesting} deep", Current.Position);
        }

        CesqlNode node = parse();
        nesting--;
        return node;
    }

    /// <summary>A position as parse errors give it: "column 4", or "line 2, column 4" in a multi-line expression.</summary>
    private string Where(int position) => CesqlParseException.Where(text, position);

    private CesqlParseException Error(string reason, int position) => new(reason, text, position);
}
