using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>A ref as written in a manifest, kept with its place so that a dangling one can be reported there.</summary>
internal sealed partial record ReferenceUse(ObjectReference Reference, SourceLocation Location, string? Resource, string Field)
{
    /// <summary>The field that names the target: the ref's <c>name</c>, or the field itself for a bare name such as a Trigger's <c>spec.broker</c>.</summary>
    public string NameField { get; init; } = $"{Field}.name";

    /// <summary>Where the ref's <c>namespace</c> is written; null when it is left out (the referring resource's own).</summary>
    public SourceLocation? NamespaceLocation { get; init; }

    /// <summary>The relative <c>uri</c> written beside the ref, resolved against the ref's address, with where it is written.</summary>
    public (Uri Path, SourceLocation Location, string Field)? RelativeUri { get; init; }

    /// <summary>The cluster-local address (as shown) this ref was read from, e.g. <c>http://event-display.default.svc.cluster.local/</c>.</summary>
    public string? ClusterLocal { get; init; }

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
