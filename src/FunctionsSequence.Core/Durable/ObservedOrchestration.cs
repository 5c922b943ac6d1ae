using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Durable;

/// <summary>Tells the <see cref="IFlowObserver"/> when an orchestration ends, from its last episode only (never on replay).</summary>
public static class ObservedOrchestration
{
    /// <summary>Runs <paramref name="run"/> and reports its end to <paramref name="observer"/>.</summary>
    public static async Task<T> RunAsync<T>(TaskOrchestrationContext context, IFlowObserver observer, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            T result = await run();
            if (!context.IsReplaying)
            {
                observer.Completed(context.InstanceId, null);
            }

            return result;
        }
        catch (Exception ex) when (!context.IsReplaying)
        {
            observer.Completed(context.InstanceId, FailureText.Of(ex));
            throw;
        }
    }
}
