using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// A parsed CloudEvents SQL v1 expression (the CESQL spec in cloudevents/spec), the language of
/// Knative's <c>filters: [{cesql: "..."}]</c>. Parse once, evaluate against many events; instances
/// are immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// The parser is hand-written recursive descent rather than generated: the grammar is a dozen
/// rules, parse errors must point at a column in a manifest, and NuGet has no maintained CESQL
/// library (only the CloudEvents SDK, which has none) to take instead.
/// Evaluation is total, as the spec requires: it never throws, and returns a value together with
/// every error it met (see <see cref="CesqlEvaluation"/> for how an error travels up).
/// </remarks>
public sealed class CesqlExpression
{
    private readonly CesqlNode root;

    private CesqlExpression(string text, CesqlNode root)
    {
        Text = text;
        this.root = root;
        CesqlNode[] nodes = [.. Descendants(root)];
        MissingFunctions = [.. nodes.OfType<FunctionCallNode>().Where(c => c.Function is null).OrderBy(c => c.Position)
            .Select(c => new CesqlMissingFunction(c.Name, c.Children.Count, c.Position, BuiltInFunctions.WhyMissing(c.Name, c.Children.Count)))];
        Attributes = [.. nodes.OfType<AttributeNode>().Select(a => (a.Name, a.Position))
            .Concat(nodes.OfType<ExistsNode>().Select(e => (e.Name, Position: e.NamePosition)))
            .OrderBy(a => a.Position)];
        ValueType = TypeOf(root);
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>
    /// The calls no built-in function takes, in the order written. The spec makes each a MissingFunctionError at
    /// evaluation, not a parse error, so they are here for a validator to report before any event arrives.
    /// </summary>
    internal IReadOnlyList<CesqlMissingFunction> MissingFunctions { get; }

    /// <summary>The attributes the expression names (read or tested with EXISTS), lower case, with where each is written, in the order written.</summary>
    internal IReadOnlyList<(string Name, int Position)> Attributes { get; }

    /// <summary>
    /// The type of the expression's value where the text tells it (a literal, a context attribute, arithmetic, a
    /// built-in function, an operator); null for an extension attribute, which an event may carry as any type, and for
    /// a call no function takes. A filter passes only on a Boolean, so a validator warns about any other.
    /// </summary>
    internal CesqlType? ValueType { get; }

    /// <summary>Parses <paramref name="text"/>; keywords and function names are case-insensitive.</summary>
    /// <exception cref="CesqlParseException">The text is not a CESQL v1 expression; the exception says where and why.</exception>
    public static CesqlExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CesqlExpression(text, CesqlParser.Parse(text));
    }

    /// <summary>Evaluates the expression against an event: its value, and the errors met (empty when none).</summary>
    public CesqlResult Evaluate(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var evaluation = new CesqlEvaluation(cloudEvent);
        CesqlValue value = root.Evaluate(evaluation);
        return new CesqlResult(value, evaluation.Errors);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static CesqlType? TypeOf(CesqlNode node) => node switch
    {
        LiteralNode literal => literal.Value.Type,
        // Every context attribute is a String here, as in Knative's engine (a time or URI as its canonical string).
        AttributeNode attribute => ContextAttributes.Contains(attribute.Name) ? CesqlType.String : null,
        ArithmeticNode or NegateNode => CesqlType.Integer,
        FunctionCallNode call => call.Function?.ReturnType,
        _ => CesqlType.Boolean,
    };

    /// <summary>Every node of the tree under <paramref name="root"/>, itself included, in no particular order.</summary>
    private static IEnumerable<CesqlNode> Descendants(CesqlNode root)
    {
        var pending = new Stack<CesqlNode>([root]);
        while (pending.TryPop(out CesqlNode? node))
        {
            yield return node;
            foreach (CesqlNode child in node.Children)
            {
                pending.Push(child);
            }
        }
    }
}
