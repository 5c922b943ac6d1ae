using CloudNative.CloudEvents;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Delivery;

/// <summary>One attempt at a destination (a step, a subscriber): every failure becomes a result, classified by Knative's rules.</summary>
public static class DeliveryAttempt
{
    /// <summary>
    /// Runs <paramref name="invoke"/> within the per-attempt <paramref name="timeout"/>, or within
    /// <see cref="DeliveryPolicy.DefaultTimeout"/> when the delivery sets none, so that no attempt
    /// holds its activity for ever.
    /// </summary>
    public static async Task<DeliveryResult> RunAsync(Func<CancellationToken, ValueTask<CloudEvent?>> invoke, TimeSpan? timeout, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        using CancellationTokenSource attempt = new(timeout ?? DeliveryPolicy.DefaultTimeout, time ?? TimeProvider.System);
        using CancellationTokenRegistration linked = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), attempt);
        try
        {
            CloudEvent? output = await invoke(attempt.Token);
            string? answer = output is null ? null : CloudEventJson.Encode(output);
            return answer is not null && RunPayload.TooHeavy(answer) is { } heavy
                ? DeliveryResult.Failure(502, retryable: false, $"answered an event that weighs {heavy}, more than the {RunPayload.Shown(RunPayload.MaxBytes)} an event may between hops here; a retry would answer it again")
                : DeliveryResult.Success(answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Status 0, no answer, as a refused connection is recorded; a dead letter's knativeerrorcode says 500 for
            // either, as Knative's dispatcher records any request that got no answer (DeadLetterEvents).
            return DeliveryResult.Failure(0, retryable: true, timeout is { } set
                ? $"timed out after {set.TotalSeconds:0.###} s (the per-attempt timeout)"
                : $"timed out after {DeliveryPolicy.DefaultTimeout.TotalSeconds:0.###} s (the per-attempt timeout when delivery sets none)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return FailureOf(ex);
        }
    }

    /// <summary>
    /// A failure as a result: a step's own verdict, or for any other exception (starting a flow, an
    /// outage) a retried 500, as Knative retries one. In-app steps' own exceptions arrive as verdicts
    /// already (<see cref="ServiceInvoker"/>), so this message is never one of theirs.
    /// </summary>
    public static DeliveryResult FailureOf(Exception exception) => exception is StepFailedException failed
        ? DeliveryResult.Failure(failed.StatusCode, failed.Retryable, failed.Message, failed.ResponseBody) with
        {
            RetryAfter = failed.RetryAfter,
            ResponseData = failed.ResponseBytes is { } bytes ? Convert.ToBase64String(bytes, 0, Math.Min(bytes.Length, StepFailedException.MaxResponseBytes)) : null,
        }
        : DeliveryResult.Failure(500, retryable: true, $"{exception?.GetType().Name}: {exception?.Message}");
}
