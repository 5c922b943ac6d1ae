using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Filtering;

/// <summary>An attribute a <c>cesql</c> filter names, kept with its place so that a likely typo can be reported there.</summary>
/// <param name="Name">The name, lower case, as the expression reads it.</param>
/// <param name="Where">Where it is in the expression, as parse errors say it ("column 4").</param>
/// <param name="Location">Where the <c>cesql</c> value is written.</param>
/// <param name="Resource">The Trigger, as <c>Kind/name</c>.</param>
/// <param name="Field">The <c>cesql</c> field's path.</param>
internal sealed record CesqlAttributeUse(string Name, string Where, SourceLocation Location, string? Resource, string Field);
