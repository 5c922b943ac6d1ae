using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// How often a flow's reply is tried before its failure fails the run (or, with a dead-letter sink on the
/// flow's last hop, sends the hop's input there, <see cref="Durable.ReplyInput.DeadLetters"/>): a reply hands the run's
/// answers on (a flow's start, a Broker's publish, an HTTP destination), where a moment's outage
/// (storage, Event Grid, the destination) should not fail a run whose every step is done. A reply
/// given up (<see cref="ReplyGivenUpException"/>: a refusal Knative would not retry, or events each
/// already tried on their own) fails it at once.
/// </summary>
public static class ReplyRetry
{
    /// <summary>
    /// Attempts of the reply's own activity, after the last hop's one try (<c>StepInput.ThenReply</c>):
    /// into a flow or a Broker by its retry policy, for each event of a reply to a Service or URI within it.
    /// </summary>
    public const int MaxAttempts = 4;

    /// <summary>The wait before the first retry; each next one waits twice as long (1, 2, 4 s).</summary>
    public static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The policy for the reply's activity in an orchestration (durable timers between attempts); a
    /// <see cref="ReplyGivenUpException"/> is not retried. A reply to a Service or URI tries each event
    /// within the activity (<see cref="EachAsync"/>) and then gives up with one, so what this policy
    /// tries again is a reply into a flow or a Broker, or an activity the app's stop cut short.
    /// </summary>
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(MaxAttempts, FirstInterval, backoffCoefficient: 2) { HandleFailure = failure => !failure.IsCausedBy<ReplyGivenUpException>() });

    /// <summary>The same within one activity (<c>checkpoint: sequence</c>).</summary>
    public static Task RunAsync(Func<Task> send, CancellationToken cancellationToken) => TryAsync(send, MaxAttempts, cancellationToken);

    /// <summary>
    /// Sends each item on its own and tries each again on its own failures, as <see cref="RunAsync"/>
    /// tries a reply, all at once: for a destination that takes each event in a request of its own and
    /// would take a repeat as a new event, so that one event's failure sends no other again. Returns
    /// each item not delivered after <paramref name="attempts"/> tries with its last failure, in the items' order.
    /// </summary>
    public static async Task<IReadOnlyList<(T Item, Exception Failure)>> EachAsync<T>(IReadOnlyList<T> items, Func<T, Task> send, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(send);
        Exception?[] failures = await Task.WhenAll(items.Select(async item =>
        {
            try
            {
                await TryAsync(() => send(item), attempts, cancellationToken);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return ex;
            }
        }));
        return [.. items.Zip(failures).Where(f => f.Second is not null).Select(f => (f.First, f.Second!))];
    }

    private static Task TryAsync(Func<Task> send, int attempts, CancellationToken cancellationToken) =>
        InProcessRetry.RunAsync(send, attempts - 1, FirstInterval, ex => ex is not ReplyGivenUpException, retrying: null, cancellationToken);
}
