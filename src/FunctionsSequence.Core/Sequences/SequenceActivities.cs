using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Flows;
using FunctionsSequence.Core.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// <see cref="TaskNames.RunSequence"/>: the whole Sequence for each event of a run in this one
/// activity, retries waiting in process (<see cref="CheckpointMode.Sequence"/>), its hops the same
/// <see cref="HopActivities"/> the orchestration calls. Re-run from the first step if the process dies.
/// </summary>
public sealed class SequenceActivities(ManifestSet manifests, HopActivities hops, DeadLetterActivity deadLetters, ILogger<SequenceActivities> logger)
{
    /// <summary>Runs <paramref name="run"/> through its Sequence.</summary>
    public async Task<RunOutcome> RunSequenceAsync(SequenceRun run, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var inProcess = new InProcessFlowHops(hops, deadLetters, client, run.Run, logger, cancellationToken);
        RunOutcome outcome = await SequencePipeline.RunAsync(manifests, run, inProcess);
        return outcome with { Record = inProcess.LastRecord };
    }
}
