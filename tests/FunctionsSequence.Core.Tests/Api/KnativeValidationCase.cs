namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// One case of Knative's own validation tests, written as a manifest, with the field paths Knative's
/// webhook reports for it (TestData/knative-validation, README.md there).
/// </summary>
/// <param name="Id">
/// <c>file/GoTest/case name</c>, e.g. <c>trigger/TestTriggerSpecValidation/missing broker</c>; a name that repeats
/// in one Go test gets <c>#01</c>, <c>#02</c>, as <c>go test</c> names it.
/// </param>
/// <param name="File">The data file without extension: sequence, parallel, trigger, broker or pingsource.</param>
/// <param name="Source">Where the case is in knative/eventing, <c>path:line</c>.</param>
/// <param name="Manifest">The resource under test and what it refers to, as multi-document YAML.</param>
/// <param name="Expected">The paths Knative reports for the whole resource, or null when Knative accepts it.</param>
/// <param name="Ours">Knative paths the loader names in another form, with the field(s) it names instead.</param>
/// <param name="Config">The Knative config the Go case runs under, when not the default.</param>
/// <param name="Note">Why a path or an expectation is what it is, when that is not obvious.</param>
internal sealed record KnativeValidationCase(
    string Id,
    string File,
    string Source,
    string Manifest,
    IReadOnlyList<string>? Expected,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Ours,
    string? Config,
    string? Note)
{
    /// <summary>True when Knative accepts the manifest.</summary>
    public bool Valid => Expected is null;

    /// <summary>The fields the loader must report for one Knative path: its own form when the case gives one, else the same path.</summary>
    public IReadOnlyList<string> FieldsFor(string knativePath) =>
        Ours.TryGetValue(knativePath, out IReadOnlyList<string>? fields) ? fields : [knativePath];

    /// <inheritdoc />
    public override string ToString() => Id;
}
