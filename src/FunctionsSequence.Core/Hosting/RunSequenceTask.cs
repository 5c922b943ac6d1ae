using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Hosting;

/// <summary><see cref="SequenceActivities.RunSequenceAsync"/> as a class-based activity.</summary>
[DurableTask(TaskNames.RunSequence)]
public sealed class RunSequenceTask(SequenceActivities activities, DurableTaskClient client) : TaskActivity<SequenceRun, RunOutcome>
{
    /// <inheritdoc />
    public override Task<RunOutcome> RunAsync(TaskActivityContext context, SequenceRun input) => activities.RunSequenceAsync(input, client);
}
