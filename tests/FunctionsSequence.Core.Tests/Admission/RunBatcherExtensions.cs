using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>One event from outside, as a request of one brings it: the tests' shorthand for a run of one.</summary>
internal static class RunBatcherExtensions
{
    public static async Task<string> AdmitAsync(this RunBatcher batcher, DurableTaskClient client, RunTarget target, RunMember member, CancellationToken cancellationToken) =>
        (await batcher.AdmitAsync(client, target, [member], cancellationToken))[0];
}
