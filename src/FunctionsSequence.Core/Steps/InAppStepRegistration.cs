namespace FunctionsSequence.Core.Steps;

/// <summary>
/// An in-app step as the manifest loader knows it: the name it is registered under, its
/// <see cref="ISequenceStep.CheckEnvironment"/> for the env of the Services bound to it, and whether it
/// reads a destination's path (<see cref="ISequenceStep.TakesPath"/>).
/// </summary>
public sealed record InAppStepRegistration(string Name, Func<IReadOnlyDictionary<string, string>, string?>? CheckEnvironment = null, bool TakesPath = false)
{
    /// <summary>The class registered, for messages that name it.</summary>
    public Type? StepType { get; init; }
}
