using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// How a Sequence run's hops are carried out where it runs: as activities and durable timers in
/// its orchestration (<see cref="DurableSequenceHops"/>), or directly inside one activity for
/// <c>checkpoint: sequence</c> (<see cref="InProcessSequenceHops"/>).
/// </summary>
public interface ISequenceHops : IDeliveryContext
{
    /// <summary>One attempt at a step for each event given; a result per event, in order.</summary>
    Task<DeliveryResult[]> RunStepAsync(StepInput input);

    /// <summary>Sends last outputs to the Sequence's reply.</summary>
    Task DeliverReplyAsync(ReplyInput input);
}
