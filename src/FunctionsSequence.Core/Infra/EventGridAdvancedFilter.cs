using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Infra;

/// <summary>An Event Grid advanced filter (<c>operatorType</c>, <c>key</c>, <c>values</c>), as ARM takes it.</summary>
public sealed record EventGridAdvancedFilter(
    string OperatorType,
    string Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Values);
