using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Steps;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Flows;

/// <summary>One attempt at a hop whose answers go nowhere, for <see cref="HopActivities.RunStepAsync"/>.</summary>
internal static class UnsentAnswerAttempt
{
    /// <summary>
    /// An attempt at a hop whose answers go nowhere (<see cref="ManifestSet.AnswersGoNowhere"/>): as Knative's dispatcher reads
    /// no answer there, none is carried, whatever it weighs (<see cref="DeliveryResult.AnsweredNowhere"/> says an event came),
    /// and one that claims to be a CloudEvent and is not is read as none, with a warning, rather than failing the attempt.
    /// <paramref name="invoke"/> is the call <see cref="TracedAttempt"/> would make at any other hop.
    /// </summary>
    public static async Task<DeliveryResult> RunAsync(
        Hop hop, Destination destination, CloudEvent cloudEvent, Func<CloudEvent, CancellationToken, ValueTask<CloudEvent?>> invoke, TimeSpan? timeout, ILogger logger, CancellationToken cancellationToken)
    {
        bool answered = false;
        DeliveryResult result = await TracedAttempt.RunAsync(
            hop,
            destination,
            cloudEvent,
            async (sent, token) =>
            {
                try
                {
                    answered = await invoke(sent, token) is not null;
                }
                catch (StepFailedException invalid) when (invalid.IsInvalidAnswer)
                {
                    HopLog.AnswerNotRead(logger, hop, sent.Id, invalid.Message);
                }

                return null;
            },
            timeout,
            cancellationToken);
        return result.Succeeded && answered ? result with { AnsweredNowhere = true } : result;
    }
}
