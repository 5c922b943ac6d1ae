using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// A Sequence's hops inside the one <see cref="TaskNames.RunSequence"/> activity
/// (<c>checkpoint: sequence</c>): called directly, back-offs waited out in process. If the process
/// dies, the activity runs again from the first step.
/// </summary>
public sealed class InProcessSequenceHops(
    SequenceActivities activities, DeadLetterActivity deadLetters, DurableTaskClient client, ILogger logger, CancellationToken cancellationToken) : ISequenceHops
{
    /// <inheritdoc />
    public ILogger Logger { get; } = logger;

    /// <inheritdoc />
    public Task<DeliveryResult[]> RunStepAsync(StepInput input) => activities.RunStepAsync(input, cancellationToken);

    /// <inheritdoc />
    public Task DeliverReplyAsync(ReplyInput input) => activities.DeliverReplyAsync(input, client, cancellationToken);

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan backoff) => Task.Delay(backoff, cancellationToken);

    /// <inheritdoc />
    public Task DeadLetterAsync(DeadLetterInput input) => deadLetters.SendAsync(input, client, cancellationToken);
}
