using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>
/// One evaluation of an expression: the event and the errors raised so far. It carries the rule
/// the nodes share (spec §3.2, §3.3, as the TCK reads them): an operator whose operand reported
/// an error stops and returns the zero value of its own return type, so <c>1 / missing</c> is
/// <c>0</c> with only a MissingAttributeError; an error the operator raises itself (a cast, a
/// division by zero) comes with the value the spec gives for it, and the operator goes on.
/// </summary>
internal sealed class CesqlEvaluation(CloudEvent cloudEvent)
{
    /// <summary>The CloudEvents context attributes every valid event carries (spec §3.4.4).</summary>
    private static readonly HashSet<string> RequiredAttributes = ["specversion", "id", "source", "type"];

    private readonly List<CesqlError> errors = [];

    /// <summary>The errors raised so far, in order.</summary>
    public IReadOnlyList<CesqlError> Errors => errors;

    /// <summary>Evaluates an operand; false when it reported an error, and the caller should return its zero value.</summary>
    public bool TryEvaluate(CesqlNode node, out CesqlValue value)
    {
        int before = errors.Count;
        value = node.Evaluate(this);
        return errors.Count == before;
    }

    /// <summary>Records an error raised at <paramref name="position"/>.</summary>
    public void Report(CesqlErrorKind kind, string message, int position) => errors.Add(new CesqlError(kind, message, position));

    /// <summary>Casts for an operator or function at <paramref name="position"/>; a failed cast is a CastError and yields the target's zero value.</summary>
    public CesqlValue Cast(CesqlValue value, CesqlType target, int position)
    {
        if (!value.TryCast(target, out CesqlValue result))
        {
            Report(CesqlErrorKind.Cast, $"cannot cast the {value.Type} '{value}' to {target}", position);
        }

        return result;
    }

    /// <summary>
    /// The value of an attribute (context or extension), or null when the event does not carry it.
    /// Integer and Boolean extensions keep their type; every other type is represented as its
    /// canonical string (spec §3.2).
    /// </summary>
    public CesqlValue? ReadAttribute(string name)
    {
        CloudEventAttribute? attribute = name == "specversion" ? null : cloudEvent.GetAttribute(name);
        switch (attribute is null ? null : cloudEvent[attribute])
        {
            case int number:
                return CesqlValue.Of(number);
            case bool flag:
                return CesqlValue.Of(flag);
        }

        string? text = CloudEventAttributes.GetString(cloudEvent, name);
        return text is null ? null : CesqlValue.Of(text);
    }

    /// <summary>True when the event carries the attribute; always for the required ones.</summary>
    public bool HasAttribute(string name) => RequiredAttributes.Contains(name) || ReadAttribute(name) is not null;
}
