namespace FunctionsSequence.Core.Steps;

/// <summary>Marks the name an in-app step is registered under, so the loader can check manifests against it.</summary>
public sealed record InAppStepRegistration(string Name);
