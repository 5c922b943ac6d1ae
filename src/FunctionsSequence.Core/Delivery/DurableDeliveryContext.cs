using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Deliveries inside an orchestration: a back-off is a durable timer, so a retry that is waiting survives a restart.</summary>
public sealed class DurableDeliveryContext : IDeliveryContext
{
    private static readonly TimeSpan EarlyTimerSlack = TimeSpan.FromSeconds(1);

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
    public DateTime UtcNow => context.CurrentUtcDateTime;

    /// <inheritdoc />
    public void Report(RunRecord record) => context.SetCustomStatus(record);

    /// <inheritdoc />
    public bool IsReplaying => context.IsReplaying;

    /// <summary>
    /// Waits until <paramref name="backoff"/> has passed on the orchestration's clock. A backend may
    /// fire a timer early (Azure Storage delays its timer messages by whole seconds, cutting off the
    /// fraction): then it waits again for what is left, plus a second that the cut cannot take away.
    /// </summary>
    public async Task WaitAsync(TimeSpan backoff)
    {
        DateTime due = context.CurrentUtcDateTime + backoff;
        await context.CreateTimer(due, CancellationToken.None);
        while (context.CurrentUtcDateTime < due)
        {
            await context.CreateTimer(due + EarlyTimerSlack, CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public Task<DeliveryResult> DeadLetterAsync(DeadLetterInput input) => context.CallActivityAsync<DeliveryResult>(TaskNames.DeadLetter, input with { Run = context.InstanceId });
}
