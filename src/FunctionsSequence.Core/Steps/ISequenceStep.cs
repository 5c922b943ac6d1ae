using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// A step written in C# inside the app: takes the event, returns the next event, or null to end
/// the chain (counted as success). Register it with
/// <see cref="StepServiceCollectionExtensions.AddSequenceStep{TStep}"/> and bind a Knative Service
/// to it with the annotation <c>functionssequence.dev/step: &lt;name&gt;</c>.
/// </summary>
/// <remarks>
/// Steps run at least once (a crash replays them), so they must be idempotent: derive everything
/// from the input event, keep <c>id</c> and <c>source</c>, and make side effects safe to repeat.
/// Throw <see cref="StepFailedException"/> to say whether a failure is worth retrying.
/// </remarks>
public interface ISequenceStep
{
    /// <summary>Handles one event.</summary>
    ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken);

    /// <summary>
    /// What is wrong with the env of a Service bound to this step (a variable it needs and lacks, a
    /// value it cannot read), or null when the env will do. Manifests are checked with it when they
    /// load, so a wrong env is an error at the Service's line instead of a failure of every event.
    /// </summary>
    static virtual string? CheckEnvironment(IReadOnlyDictionary<string, string> environment) => null;

    /// <summary>
    /// True for a step that reads the path a destination adds to its Service's address
    /// (<see cref="StepContext.Path"/>: a Parallel filter's <c>uri: http://switcher.default.svc.cluster.local/0</c>);
    /// a path given to any other in-app step is an error when the manifests load.
    /// </summary>
    static virtual bool TakesPath => false;
}
