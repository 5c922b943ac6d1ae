using System.Collections.Concurrent;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Follows every orchestration the router starts until it completes, so <c>--once</c> knows when
/// all work has settled. Work caused by an orchestration is started by its activities before it
/// completes, so nothing is in flight once the count reaches zero.
/// </summary>
internal sealed class FlowTracker(Lazy<DurableTaskClient> client) : IFlowObserver, IDisposable
{
    private readonly ConcurrentDictionary<string, Task> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> failures = new();
    private readonly CancellationTokenSource stopping = new();

    public IReadOnlyCollection<string> Failures => failures;

    public int Pending => pending.Count;

    public void Started(string instanceId) => pending.TryAdd(instanceId, FollowAsync(instanceId));

    public void Failed(string what, Exception exception) => failures.Enqueue($"{what}: {exception.Message}");

    /// <summary>Waits until nothing is pending; false on timeout.</summary>
    public async Task<bool> WaitForSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!pending.IsEmpty)
            {
                await Task.WhenAny(pending.Values.Append(Task.Delay(Timeout.Infinite, deadline.Token)));
                deadline.Token.ThrowIfCancellationRequested();
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Stop() => stopping.Cancel();

    public void Dispose() => stopping.Dispose();

    private async Task FollowAsync(string instanceId)
    {
        try
        {
            OrchestrationMetadata metadata = await client.Value.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, stopping.Token);
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                failures.Enqueue($"{instanceId} {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage ?? "(no details)"}");
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            failures.Enqueue($"{instanceId}: {ex.Message}");
        }
        finally
        {
            pending.TryRemove(instanceId, out _);
        }
    }
}
