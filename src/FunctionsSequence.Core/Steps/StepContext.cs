namespace FunctionsSequence.Core.Steps;

/// <summary>What a step knows about where it runs: its Service's name and the container env the manifest gave.</summary>
public sealed record StepContext(string ServiceName, IReadOnlyDictionary<string, string> Environment);
