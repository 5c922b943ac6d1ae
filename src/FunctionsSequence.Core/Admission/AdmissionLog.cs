using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// The log lines of an event admitted twice, in the sender's terms: the event by its id and source
/// (escaped, as they come from outside), the target by the resource it was sent to (a Trigger's
/// deliveries by their Broker too), never by the admission's internal key.
/// </summary>
internal static partial class AdmissionLog
{
    /// <summary>An event sent again while or soon after its first copy was admitted.</summary>
    public static void AcceptedAlready(ILogger logger, ManifestSet manifests, RunTarget target, RunMember member)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            (string id, string source) = Identity(member);
            string shown = Shown(manifests, target);
            AcceptedAlready(logger, shown, id, source);
        }
    }

    /// <summary>An event the admission ledger had seen go into run <paramref name="runId"/>.</summary>
    public static void LeftOut(ILogger logger, ManifestSet manifests, RunTarget target, RunMember member, string runId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            (string id, string source) = Identity(member);
            string shown = Shown(manifests, target);
            LeftOut(logger, shown, id, source, runId);
        }
    }

    /// <summary>An event whose claim by run <paramref name="runId"/> was never confirmed (its admission died), admitted again.</summary>
    public static void TakenOver(ILogger logger, ManifestSet manifests, RunTarget target, RunMember member, string runId)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            (string id, string source) = Identity(member);
            TakenOver(logger, Shown(manifests, target), id, source, runId);
        }
    }

    /// <summary>The target as its manifest names it: <c>Sequence s</c>, <c>Parallel p</c>, <c>Broker b, Trigger t</c>.</summary>
    private static string Shown(ManifestSet manifests, RunTarget target) =>
        target.Kind == RunKind.Trigger && manifests.FindTrigger(target.Name) is { } trigger ? $"Broker {trigger.Broker}, {target}" : target.ToString();

    private static (string Id, string Source) Identity(RunMember member)
    {
        string json = member.Event.Event.Json;
        return (Quoted(json, CloudEventsSpecVersion.Default.IdAttribute.Name), Quoted(json, CloudEventsSpecVersion.Default.SourceAttribute.Name));
    }

    private static string Quoted(string json, string attribute) => AttributeErrors.Quote(CloudEventJson.ReadString(json, attribute) ?? string.Empty);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "{Target}: event {EventId} from source {Source} was accepted already; duplicate ignored")]
    private static partial void AcceptedAlready(ILogger logger, string target, string eventId, string source);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "{Target}: event {EventId} from source {Source} went into run {RunId} already; duplicate left out")]
    private static partial void LeftOut(ILogger logger, string target, string eventId, string source, string runId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "{Target}: event {EventId} from source {Source} was claimed for run {RunId}, which was never scheduled; admitting it again")]
    private static partial void TakenOver(ILogger logger, string target, string eventId, string source, string runId);
}
