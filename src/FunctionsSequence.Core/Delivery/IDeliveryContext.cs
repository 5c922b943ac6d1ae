using FunctionsSequence.Core.Durable;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// What a delivery needs from where it runs: an orchestration (durable timers, an activity per dead
/// letter, a replay-safe log) or one activity doing a whole Sequence in process.
/// </summary>
public interface IDeliveryContext
{
    /// <summary>The log; in an orchestration it writes nothing on replay.</summary>
    ILogger Logger { get; }

    /// <summary>Now, on the run's clock: in an orchestration its replay-safe time.</summary>
    DateTime UtcNow { get; }

    /// <summary>Keeps what the run did so far where inspection reads it: an orchestration's custom status; nothing in process, whose activity returns it.</summary>
    void Report(RunRecord record);

    /// <summary>True while an orchestration replays what it did before: nothing is counted again then.</summary>
    bool IsReplaying => false;

    /// <summary>Waits out a back-off.</summary>
    Task WaitAsync(TimeSpan backoff);

    /// <summary>One attempt to send a failed hop's input to its dead-letter sink; a refusal is the result.</summary>
    Task<DeliveryResult> DeadLetterAsync(DeadLetterInput input);
}
