using FunctionsSequence.Core.Delivery;
using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// How often a flow's reply is tried before its failure fails the run: a reply hands the run's
/// answers on (a flow's start, a Broker's publish, an HTTP destination), where a moment's outage
/// (storage, Event Grid, the destination) should not fail a run whose every step is done. A refusal
/// Knative would not retry (<see cref="ReplyRefusedException"/>) fails it at once.
/// </summary>
public static class ReplyRetry
{
    /// <summary>Attempts in all.</summary>
    public const int MaxAttempts = 4;

    /// <summary>The wait before the first retry; each next one waits twice as long (1, 2, 4 s).</summary>
    public static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(1);

    /// <summary>The policy for the reply's activity in an orchestration (durable timers between attempts); a <see cref="ReplyRefusedException"/> is not retried.</summary>
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(MaxAttempts, FirstInterval, backoffCoefficient: 2) { HandleFailure = failure => !failure.IsCausedBy<ReplyRefusedException>() });

    /// <summary>The same within one activity (<c>checkpoint: sequence</c>).</summary>
    public static Task RunAsync(Func<Task> send, CancellationToken cancellationToken) =>
        InProcessRetry.RunAsync(send, MaxAttempts - 1, FirstInterval, ex => ex is not ReplyRefusedException, retrying: null, cancellationToken);
}
