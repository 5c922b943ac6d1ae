namespace FunctionsSequence.Core.Steps;

/// <summary>
/// A step that can also take the event as the structured-mode JSON it travels in between
/// activities, and write the next event the same way: no decode and encode per event and step.
/// Runs synchronously, so it suits quick in-process transforms (no I/O, no per-attempt timeout).
/// </summary>
/// <remarks>
/// The output must decode to the same event <see cref="ISequenceStep.InvokeAsync"/> would return.
/// The input is what the runtime itself wrote, a valid CloudEvent.
/// </remarks>
public interface IStructuredModeStep : ISequenceStep
{
    /// <summary>Handles one event, or declines it (false) for <see cref="ISequenceStep.InvokeAsync"/> to handle.</summary>
    /// <param name="input">The event, structured-mode JSON.</param>
    /// <param name="context">Where the step runs.</param>
    /// <param name="output">The next event, structured-mode JSON; null ends the chain.</param>
    bool TryInvoke(string input, StepContext context, out string? output);
}
