using System.Diagnostics.CodeAnalysis;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sequences;

/// <summary>
/// The activities of Sequence and Trigger orchestrations. They run at least once, so each is
/// idempotent: steps are pure or idempotent by contract, and what they start has an event-derived
/// id. A failed attempt is returned as a <see cref="DeliveryResult"/>, for the orchestration to retry.
/// </summary>
public sealed partial class SequenceActivities(
    ManifestSet manifests,
    ServiceInvoker services,
    EventRouter router,
    RunBatcher batcher,
    ILogger<SequenceActivities> logger)
{
    /// <summary><see cref="TaskNames.RunStep"/>: one attempt at step N; its output event, or none to end the chain.</summary>
    public async Task<DeliveryResult> RunStepAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SequenceStep step = manifests.RequireSequence(input.Sequence).Steps[input.Step];
        if (services.TryGetStructuredModeStep(step.Destination, out IStructuredModeStep? structured, out StepContext? context)
            && TryRunStructured(input, step, structured, context, out DeliveryResult? handled))
        {
            return handled;
        }

        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event.Json);
        LogStep(logger, input.Sequence, input.Step, step.Destination, cloudEvent.Id);
        DeliveryResult result = await AttemptAsync(
            token => services.InvokeAsync(step.Destination, cloudEvent, asSubscriber: false, token),
            step.Delivery?.Timeout,
            cancellationToken);
        if (result is { Succeeded: true, Event: null })
        {
            LogChainEnded(logger, input.Sequence, input.Step, cloudEvent.Id);
        }

        return result;
    }

    /// <summary>A step that takes the event as it travels: no decode and encode (this runs per event and step).</summary>
    private bool TryRunStructured(StepInput input, SequenceStep step, IStructuredModeStep structured, StepContext context, [NotNullWhen(true)] out DeliveryResult? result)
    {
        result = null;
        try
        {
            if (!structured.TryInvoke(input.Event.Json, context, out string? output))
            {
                return false; // declined: the decoded path logs and runs it
            }

            result = DeliveryResult.Success(output);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = FailureOf(ex);
        }

        string? id = logger.IsEnabled(LogLevel.Information) ? CloudEventJson.ReadId(input.Event.Json) : null;
        LogStep(logger, input.Sequence, input.Step, step.Destination, id);
        if (result is { Succeeded: true, Event: null })
        {
            LogChainEnded(logger, input.Sequence, input.Step, id);
        }

        return true;
    }

    /// <summary><see cref="TaskNames.RunStepBatch"/>: one attempt at step N for each event of a batch, side by side; a result per event, in order.</summary>
    public async Task<DeliveryResult[]> RunStepBatchAsync(StepBatchInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await Task.WhenAll(input.Events.Select(e => RunStepAsync(new StepInput(input.Sequence, input.Step, e), cancellationToken)));
    }

    /// <summary>
    /// <see cref="TaskNames.RunSequence"/>: the whole Sequence in this one activity, retries waiting
    /// in process (<see cref="CheckpointMode.Sequence"/>). Re-run from the first step if the process dies.
    /// </summary>
    public Task<SequenceOutcome> RunSequenceAsync(SequenceInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SequencePipeline.RunAsync(
            manifests.RequireSequence(input.Sequence),
            input,
            (step, delivery, what) => DeliveryLoop.RunAsync(
                delivery,
                () => RunStepAsync(step, cancellationToken),
                wait => Task.Delay(wait, cancellationToken),
                (n, max, result, wait) => DeliveryLog.Retrying(logger, what, n, max, result.StatusCode, result.Error, wait.TotalSeconds)),
            deadLetter => DeadLetterAsync(deadLetter, client, cancellationToken),
            reply => DeliverReplyAsync(reply, client, cancellationToken),
            (what, attempts, result) => DeliveryLog.Failed(logger, what, attempts, result.StatusCode, result.Error));
    }

    /// <summary>
    /// <see cref="TaskNames.RunSequenceBatch"/>: the whole Sequence for each event of a batch, side
    /// by side, in this one activity. An event that fails for good with no dead-letter sink is
    /// reported in its outcome, so the others still count as done.
    /// </summary>
    public async Task<SequenceOutcome[]> RunSequenceBatchAsync(SequenceBatchInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await Task.WhenAll(input.Events.Select(async e =>
        {
            try
            {
                return await RunSequenceAsync(new SequenceInput(input.Sequence, e.Event, e.BrokerTtl), client, cancellationToken);
            }
            catch (DeliveryFailedException ex)
            {
                return new SequenceOutcome(0, Replied: false, EndedEarly: false) { Failure = $"event {CloudEventJson.Decode(e.Event.Json).Id}: {ex.Message}" };
            }
        }));
    }

    /// <summary><see cref="TaskNames.DeliverReply"/>: sends the last output to the Sequence's reply.</summary>
    public async Task DeliverReplyAsync(ReplyInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SequenceResource sequence = manifests.RequireSequence(input.Sequence);
        if (sequence.Reply is null)
        {
            return;
        }

        if (services.TryGetDisplay(sequence.Reply, out DisplayStep? display))
        {
            await ShowReplyAsync(input.Sequence, sequence.Reply, display, input.Event.Json, cancellationToken);
            return;
        }

        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event.Json);
        LogReply(logger, input.Sequence, sequence.Reply, cloudEvent.Id);
        await router.SendAsync(client, sequence.Reply, cloudEvent, input.BrokerTtl, cancellationToken);
    }

    /// <summary>
    /// <see cref="TaskNames.DeliverReplies"/>: sends a batch's last outputs to the reply. Into a
    /// Sequence they go as one run with an id derived from them, so a rerun of this activity
    /// starts nothing twice; elsewhere each is sent on its own.
    /// </summary>
    public async Task DeliverRepliesAsync(RepliesInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SequenceResource sequence = manifests.RequireSequence(input.Sequence);
        if (sequence.Reply is not { } reply)
        {
            return;
        }

        if (services.TryGetDisplay(reply, out DisplayStep? display))
        {
            await Task.WhenAll(input.Events.Select(e => ShowReplyAsync(input.Sequence, reply, display, e.Event.Json, cancellationToken)));
            return;
        }

        var events = input.Events.Select(e => (Event: CloudEventJson.Decode(e.Event.Json), e.BrokerTtl)).ToList();
        foreach ((CloudEvent cloudEvent, _) in events)
        {
            LogReply(logger, input.Sequence, reply, cloudEvent.Id);
        }

        switch (reply.Ref)
        {
            case { Kind: ResourceKind.Sequence } next:
                await batcher.StartSequenceNowAsync(client, next.Name, events, cancellationToken);
                break;
            case { Kind: ResourceKind.Broker } broker:
                foreach ((CloudEvent cloudEvent, int? brokerTtl) in events)
                {
                    if (brokerTtl is { } ttl)
                    {
                        BrokerTtl.Set(cloudEvent, ttl - 1); // one hop less than the Broker event that started the run
                    }
                }

                await router.PublishBatchAsync(client, broker.Name, [.. events.Select(e => e.Event)], cancellationToken);
                break;
            default:
                await Task.WhenAll(events.Select(e => router.SendAsync(client, reply, e.Event, e.BrokerTtl, cancellationToken)));
                break;
        }
    }

    /// <summary>Shows a last output on the event-display it replies to, read from its JSON (no decode per event).</summary>
    private Task ShowReplyAsync(string sequence, Destination reply, DisplayStep display, string eventJson, CancellationToken cancellationToken)
    {
        string? id = logger.IsEnabled(LogLevel.Information) ? CloudEventJson.ReadId(eventJson) : null;
        LogReply(logger, sequence, reply, id);

        return display.ShowStructuredAsync(eventJson, cancellationToken).AsTask();
    }

    /// <summary>
    /// <see cref="TaskNames.DeliverToSubscriber"/>: one attempt at handing the event to the Trigger's
    /// subscriber; a subscriber's reply goes back into the Broker with one hop less.
    /// </summary>
    public async Task<DeliveryResult> DeliverToSubscriberAsync(TriggerInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        TriggerResource trigger = manifests.RequireTrigger(input.Trigger);
        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event.Json);
        LogDeliver(logger, trigger.Name, trigger.Subscriber, cloudEvent.Id);
        if (trigger.Subscriber.Ref is { Kind: ResourceKind.Sequence } sequence)
        {
            await batcher.StartSequenceNowAsync(client, sequence.Name, [(cloudEvent, input.Ttl)], cancellationToken);
            return DeliveryResult.Success(null);
        }

        DeliverySpec? delivery = manifests.DeliveryOf(trigger);
        DeliveryResult result = await AttemptAsync(
            token => services.InvokeAsync(trigger.Subscriber, cloudEvent, asSubscriber: true, token),
            delivery?.Timeout,
            cancellationToken);
        if (result is { Succeeded: true, Event: { } reply })
        {
            await router.ReplyToBrokerAsync(client, trigger.Broker, CloudEventJson.Decode(reply), input.Ttl, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// <see cref="TaskNames.DeliverToSubscriberBatch"/>: one attempt at handing each event of a batch
    /// to the Trigger's subscriber, side by side; a result per event, in order. A Sequence
    /// subscriber takes them all as one run; subscribers' replies go back into the Broker together,
    /// each with one hop less.
    /// </summary>
    public async Task<DeliveryResult[]> DeliverToSubscriberBatchAsync(TriggerBatchInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        TriggerResource trigger = manifests.RequireTrigger(input.Trigger);
        var events = input.Events.Select(e => (Event: CloudEventJson.Decode(e.Event.Json), Ttl: e.BrokerTtl ?? 0)).ToList();
        foreach ((CloudEvent cloudEvent, _) in events)
        {
            LogDeliver(logger, trigger.Name, trigger.Subscriber, cloudEvent.Id);
        }

        if (trigger.Subscriber.Ref is { Kind: ResourceKind.Sequence } sequence)
        {
            await batcher.StartSequenceNowAsync(client, sequence.Name, [.. events.Select(e => (e.Event, (int?)e.Ttl))], cancellationToken);
            return [.. events.Select(_ => DeliveryResult.Success(null))];
        }

        DeliverySpec? delivery = manifests.DeliveryOf(trigger);
        DeliveryResult[] results = await Task.WhenAll(events.Select(e => AttemptAsync(
            token => services.InvokeAsync(trigger.Subscriber, e.Event, asSubscriber: true, token),
            delivery?.Timeout,
            cancellationToken)));
        var replies = new List<CloudEvent>();
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i] is { Succeeded: true, Event: { } reply })
            {
                CloudEvent replyEvent = CloudEventJson.Decode(reply);
                BrokerTtl.Set(replyEvent, events[i].Ttl - 1);
                replies.Add(replyEvent);
            }
        }

        if (replies.Count > 0)
        {
            await router.PublishBatchAsync(client, trigger.Broker, replies, cancellationToken);
        }

        return results;
    }

    /// <summary>
    /// <see cref="TaskNames.DeadLetter"/>: sends the failed hop's input event, with Knative's error
    /// extensions, to the step's, Trigger's or Broker's dead-letter sink.
    /// </summary>
    public async Task DeadLetterAsync(DeadLetterInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        Destination sink = DeadLetterSinkOf(input)
            ?? throw new InvalidOperationException($"{input.FailedDestination} has no dead-letter sink");
        CloudEvent deadLetter = DeadLetterEvents.Create(input);
        LogDeadLetter(logger, input.FailedDestination, deadLetter.Id, input.Attempts, input.Failure.StatusCode, sink);
        await router.SendAsync(client, sink, deadLetter, null, cancellationToken);
    }

    /// <summary>The dead-letter sink that applies to a failed hop, or null.</summary>
    public Destination? DeadLetterSinkOf(DeadLetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Sequence is { } name && input.Step is { } step)
        {
            return manifests.RequireSequence(name).Steps[step].Delivery?.DeadLetterSink;
        }

        TriggerResource trigger = manifests.RequireTrigger(input.Trigger!);
        return manifests.DeliveryOf(trigger)?.DeadLetterSink;
    }

    /// <summary>One attempt with the per-attempt timeout; every failure becomes a result, classified by Knative's rules.</summary>
    private static async Task<DeliveryResult> AttemptAsync(Func<CancellationToken, ValueTask<CloudEvent?>> invoke, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        // A token source of its own only for a timeout: this runs per event and step.
        using CancellationTokenSource? attempt = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt?.CancelAfter(timeout!.Value);
        try
        {
            CloudEvent? output = await invoke(attempt?.Token ?? cancellationToken);
            return DeliveryResult.Success(output is null ? null : CloudEventJson.Encode(output));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failure(408, retryable: true, $"no answer within {timeout?.TotalSeconds:0.###} s (the per-attempt timeout)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return FailureOf(ex);
        }
    }

    /// <summary>A step's failure as a result: its own verdict, or for a bug or outage in an in-app step a retried 500, as Knative retries one.</summary>
    private static DeliveryResult FailureOf(Exception ex) => ex is StepFailedException failed
        ? DeliveryResult.Failure(failed.StatusCode, failed.Retryable, failed.Message, failed.ResponseBody)
        : DeliveryResult.Failure(500, retryable: true, $"{ex.GetType().Name}: {ex.Message}");


    [LoggerMessage(Level = LogLevel.Information, Message = "Sequence {Sequence} step {Step} ({Destination}): event {EventId}")]
    private static partial void LogStep(ILogger logger, string sequence, int step, Destination destination, string? eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequence {Sequence} step {Step} returned no event: chain ended for event {EventId}")]
    private static partial void LogChainEnded(ILogger logger, string sequence, int step, string? eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequence {Sequence} reply to {Destination}: event {EventId}")]
    private static partial void LogReply(ILogger logger, string sequence, Destination destination, string? eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {Trigger} delivers to {Subscriber}: event {EventId}")]
    private static partial void LogDeliver(ILogger logger, string trigger, Destination subscriber, string? eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Destination} failed for event {EventId} after {Attempts} attempt(s) (last status {Status}): sent to dead-letter sink {Sink}")]
    private static partial void LogDeadLetter(ILogger logger, string destination, string? eventId, int attempts, int status, Destination sink);
}
