using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>
/// Sends a dead-lettered event back to the hop that dead-lettered it, with its id and extensions
/// (Knative's error extensions left out), as a new run of its flow that starts at that hop. The
/// redrive is claimed in the store first (one claim wins), numbered, and admitted under an id of
/// its own (<see cref="InstanceIds.ForRedrive"/>): the event runs again although the event itself
/// was admitted before, and two redrives of one dead letter at once start one run.
/// </summary>
public sealed partial class DeadLetterRedrive(IDeadLetterStore store, ManifestSet manifests, RunAdmission admission, TimeProvider time, ILogger<DeadLetterRedrive> logger)
{
    /// <summary>Redrives dead letter <paramref name="id"/>; the audit says what came of it, and is recorded.</summary>
    public async Task<RedriveAudit> RedriveAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        DateTimeOffset now = time.GetUtcNow();
        DeadLetterRecord? record = await store.GetAsync(id, cancellationToken);
        if (record is null)
        {
            // No such record: nothing to say of an event, where it was found or where it would go.
            var unknown = new RedriveAudit(now, id, "", "", "", "", RedriveOutcome.NotFound, $"there is no dead letter '{id}'");
            await store.AuditAsync(unknown, cancellationToken);
            LogRedriveUnknown(logger, unknown.Record, unknown.Outcome, unknown.Detail);
            return unknown;
        }

        CloudEvent cloudEvent = WithoutErrorExtensions(CloudEventJson.Decode(record.Event));
        RedriveAudit Audit(RedriveOutcome outcome, string detail) =>
            new(now, record.Id, cloudEvent.Id ?? "", cloudEvent.Source?.ToString() ?? "", record.Origin, record.Hop.ToString(), outcome, detail);

        if (TargetOf(record.Hop) is not { } target)
        {
            return await AuditAsync(Audit(RedriveOutcome.NotFound, $"{record.Hop} is not in the manifests this app runs; not sent"), cancellationToken);
        }

        if (record.Hop.Kind == ResourceKind.Trigger)
        {
            // An event Event Grid dead-lettered was published to the topic directly and never delivered: it arrives now.
            BrokerArrival.StampIfMissing(cloudEvent, now);
        }

        // Back to a Trigger as its delivery carries an event (its hop counter beside it, out of the filter's and subscriber's sight).
        TriggerEvent? taken = record.Hop.Kind == ResourceKind.Trigger ? TriggerEvent.Of(cloudEvent) : null;

        // Event Grid's dead letters never reached the app, whose filter is finer than Event Grid's.
        if (taken is { } delivery && manifests.FindTrigger(record.Hop.Name) is { } trigger && !delivery.Passes(trigger))
        {
            return await AuditAsync(Audit(RedriveOutcome.Refused, $"the event does not pass Trigger {trigger.Name}'s filter; not sent"), cancellationToken);
        }

        // Claim the redrive; a record another redrive claimed and has not finished is sent again under the same number.
        while (record.State == DeadLetterState.DeadLettered)
        {
            DeadLetterRecord claimed = record with { State = DeadLetterState.Redriving, Redrives = record.Redrives + 1, RedrivenAt = now, RedriveResult = null };
            bool won = await store.UpdateAsync(claimed, cancellationToken);

            // Read again either way: the store's version of the record changed, and someone may have deleted its row.
            if (await store.GetAsync(id, cancellationToken) is not { } current)
            {
                return await AuditAsync(Audit(RedriveOutcome.NotFound, "the dead letter was deleted while it was being redriven; not sent"), cancellationToken);
            }

            record = current;
            if (won)
            {
                break;
            }
        }

        if (record.State == DeadLetterState.Redriven)
        {
            return await AuditAsync(Audit(RedriveOutcome.Refused, $"redriven already at {record.RedrivenAt:yyyy-MM-ddTHH:mm:ss.fffZ} ({record.RedriveResult}); not sent again"), cancellationToken);
        }

        // To a Trigger as its delivery carries it (above); to a flow as it is.
        RunEvent redriven = taken?.Carried() ?? new RunEvent(new StructuredEvent(CloudEventJson.Encode(cloudEvent)));
        var member = new RunMember(InstanceIds.ForRedrive(target, cloudEvent, record.Id, record.Redrives), redriven with { Redrive = new RedriveMark(record.Id, record.Redrives) });
        AdmissionResult admitted = await admission.StartAsync(client, target, [member], slotOf: null, cancellationToken, record.Hop);
        RedriveAudit audit = admitted.Started is { } run
            ? Audit(RedriveOutcome.Started, $"redrive {record.Redrives}, run {run}")
            : Audit(RedriveOutcome.AlreadyStarted, $"redrive {record.Redrives} is run {admitted.RunOf[0]} already; not started twice");

        // A record the redriven run dead-lettered again in the meantime is left as that run wrote it.
        await store.UpdateAsync(record with { State = DeadLetterState.Redriven, RedriveResult = $"{audit.Outcome}: {audit.Detail}" }, cancellationToken);
        return await AuditAsync(audit, cancellationToken);
    }

    /// <summary><paramref name="cloudEvent"/> without <c>knativeerrordest</c>, <c>knativeerrorcode</c>, <c>knativeerrordata</c>.</summary>
    public static CloudEvent WithoutErrorExtensions(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        foreach (CloudEventAttribute attribute in cloudEvent.ExtensionAttributes.Where(a => a.Name.StartsWith("knativeerror", StringComparison.Ordinal)).ToList())
        {
            cloudEvent[attribute] = null;
        }

        return cloudEvent;
    }

    /// <summary>The flow whose run takes the event back to <paramref name="hop"/>; null when the manifests no longer have that hop.</summary>
    private RunTarget? TargetOf(Hop hop) => hop switch
    {
        { Kind: ResourceKind.Sequence, Role: HopRole.Step } when manifests.Sequences.TryGetValue(hop.Name, out SequenceResource? s) && hop.Index < s.Steps.Count => RunTarget.Sequence(hop.Name),
        { Kind: ResourceKind.Parallel, Role: HopRole.Subscriber } when manifests.Parallels.TryGetValue(hop.Name, out ParallelResource? p) && hop.Index < p.Branches.Count => RunTarget.Parallel(hop.Name),
        { Kind: ResourceKind.Trigger } when manifests.FindTrigger(hop.Name) is not null => RunTarget.Trigger(hop.Name),
        _ => null,
    };

    private async Task<RedriveAudit> AuditAsync(RedriveAudit audit, CancellationToken cancellationToken)
    {
        await store.AuditAsync(audit, cancellationToken);
        LogRedrive(logger, audit.Record, audit.EventId, audit.Source, audit.From, audit.To, audit.Outcome, audit.Detail);
        return audit;
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Redrive {Record}: event {EventId} from {Source}, found in {From}, to {To}: {Outcome}, {Detail}")]
    private static partial void LogRedrive(ILogger logger, string record, string eventId, string source, string from, string to, RedriveOutcome outcome, string detail);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Redrive {Record}: {Outcome}, {Detail}")]
    private static partial void LogRedriveUnknown(ILogger logger, string record, RedriveOutcome outcome, string detail);
}
