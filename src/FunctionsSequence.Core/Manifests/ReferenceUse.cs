using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>A ref as written in a manifest, kept with its place so that a dangling one can be reported there.</summary>
internal sealed partial record ReferenceUse(ObjectReference Reference, SourceLocation Location, string? Resource, string Field)
{
    /// <summary>The field that names the target: the ref's <c>name</c>, or the field itself for a bare name such as a Trigger's <c>spec.broker</c>.</summary>
    public string NameField { get; init; } = $"{Field}.name";

    /// <summary>What the ref is used for, from its field path (a Parallel branch's fields read as a Trigger's or a Sequence's would).</summary>
    public string Role => BranchField().Replace(Field, "spec.") switch
    {
        var f when f.StartsWith("spec.broker", StringComparison.Ordinal) => "broker",
        var f when f.Contains("deadLetterSink", StringComparison.Ordinal) => "deadLetterSink",
        var f when f.StartsWith("spec.steps[", StringComparison.Ordinal) => "step",
        var f when f.StartsWith("spec.filter", StringComparison.Ordinal) => "filter",
        var f when f.StartsWith("spec.reply", StringComparison.Ordinal) => "reply",
        var f when f.StartsWith("spec.sink", StringComparison.Ordinal) => "sink",
        var f when f.StartsWith("spec.subscriber", StringComparison.Ordinal) => "subscriber",
        _ => "ref",
    };

    [GeneratedRegex(@"^spec\.branches\[\d+\]\.")]
    private static partial Regex BranchField();
}
