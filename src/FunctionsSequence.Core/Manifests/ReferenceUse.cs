using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>A ref as written in a manifest, kept with its place so that a dangling one can be reported there.</summary>
internal sealed record ReferenceUse(ObjectReference Reference, SourceLocation Location, string? Resource, string Field)
{
    /// <summary>The field that names the target: the ref's <c>name</c>, or the field itself for a bare name such as a Trigger's <c>spec.broker</c>.</summary>
    public string NameField { get; init; } = $"{Field}.name";

    /// <summary>What the ref is used for, from its field path.</summary>
    public string Role => Field switch
    {
        _ when Field.StartsWith("spec.broker", StringComparison.Ordinal) => "broker",
        _ when Field.Contains("deadLetterSink", StringComparison.Ordinal) => "deadLetterSink",
        _ when Field.StartsWith("spec.steps[", StringComparison.Ordinal) => "step",
        _ when Field.StartsWith("spec.reply", StringComparison.Ordinal) => "reply",
        _ when Field.StartsWith("spec.sink", StringComparison.Ordinal) => "sink",
        _ when Field.StartsWith("spec.subscriber", StringComparison.Ordinal) => "subscriber",
        _ => "ref",
    };
}
