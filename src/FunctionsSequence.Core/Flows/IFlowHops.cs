using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// How a flow's hops are carried out where it runs: as activities and durable timers in its
/// orchestration (<see cref="DurableFlowHops"/>), or directly inside one activity for a Sequence
/// with <c>checkpoint: sequence</c> (<see cref="InProcessFlowHops"/>).
/// </summary>
public interface IFlowHops : IDeliveryContext
{
    /// <summary>One attempt at a hop for each event given; a result per event, in order.</summary>
    Task<DeliveryResult[]> RunStepAsync(StepInput input);

    /// <summary>Sends the answers of a flow's last hop to its reply, tried as <see cref="ReplyRetry"/> says; what it gave up, when the hop has a dead-letter sink.</summary>
    Task<ReplyOutcome> DeliverReplyAsync(ReplyInput input);
}
