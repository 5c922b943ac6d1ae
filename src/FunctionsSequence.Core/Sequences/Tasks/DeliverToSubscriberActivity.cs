using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Sequences.Tasks;

/// <summary>Class-based registration of <see cref="SequenceActivities.DeliverToSubscriberAsync"/>.</summary>
[DurableTask(TaskNames.DeliverToSubscriber)]
public sealed class DeliverToSubscriberActivity(SequenceActivities activities, DurableTaskClient client) : TaskActivity<TriggerInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, TriggerInput input)
    {
        await activities.DeliverToSubscriberAsync(input, client);
        return true;
    }
}
