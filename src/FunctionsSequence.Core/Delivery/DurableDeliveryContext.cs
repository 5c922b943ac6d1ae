using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Deliveries inside an orchestration: a back-off is a durable timer, so a retry that is waiting survives a restart.</summary>
public sealed class DurableDeliveryContext : IDeliveryContext
{
    private readonly TaskOrchestrationContext context;

    /// <summary>Creates the context of <paramref name="context"/>, logging under <paramref name="logCategory"/>.</summary>
    public DurableDeliveryContext(TaskOrchestrationContext context, string logCategory)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
        Logger = context.CreateReplaySafeLogger(logCategory);
    }

    /// <inheritdoc />
    public ILogger Logger { get; }

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan backoff) => context.CreateTimer(backoff, CancellationToken.None);

    /// <inheritdoc />
    public Task DeadLetterAsync(DeadLetterInput input) => context.CallActivityAsync(TaskNames.DeadLetter, input);
}
