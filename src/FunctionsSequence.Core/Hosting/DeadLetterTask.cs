using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Hosting;

/// <summary><see cref="DeadLetterActivity.SendAsync"/> as a class-based activity.</summary>
[DurableTask(TaskNames.DeadLetter)]
public sealed class DeadLetterTask(DeadLetterActivity activity, DurableTaskClient client) : TaskActivity<DeadLetterInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, DeadLetterInput input)
    {
        await activity.SendAsync(input, client);
        return true;
    }
}
