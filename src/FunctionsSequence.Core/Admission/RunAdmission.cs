using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// Starts a run once each of its events is claimed for it in the <see cref="IAdmissionLedger"/>: an
/// event claimed by another run within the retention window is a duplicate and is left out, and a
/// start that was made before (an activity that runs again) starts nothing. Every start goes
/// through here, from outside and from the pipeline, in both hosts. Claims are written before the
/// run is scheduled and confirmed after, so an admission that dies in between is noticed: its
/// claims stay unconfirmed, and after a grace period whoever meets them takes them over, or leaves
/// the events out when their run exists. So a confirmation that fails is logged, not thrown: the run
/// is scheduled, and a caller told otherwise would answer its sender with an error and give back a
/// slot the run holds.
/// </summary>
/// <param name="ledger">Where events are claimed.</param>
/// <param name="starter">What schedules a run.</param>
/// <param name="manifests">The flows, for the names of what runs start.</param>
/// <param name="time">The clock of claims.</param>
/// <param name="logger">Where duplicates and lost confirmations are logged.</param>
/// <param name="ends">Where runs may end unseen (the Functions app): given the client a run was started with, to read their status.</param>
public sealed partial class RunAdmission(IAdmissionLedger ledger, OrchestrationStarter starter, ManifestSet manifests, TimeProvider time, ILogger<RunAdmission> logger, RunEndPoller? ends = null)
{
    /// <summary>How long an admitted event is remembered by default: Event Grid's retry window.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromHours(24);

    /// <summary>How long an admitted event is recognised when sent again (the ledger's retention).</summary>
    public TimeSpan Retention => ledger.Retention;

    // Longer than an admission takes between claiming and confirming, storage retries included.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    // Admissions of one run in this process, one at a time: an activity that runs again while its first attempt is
    // still starting proposes the same run, and its claim, not yet confirmed, reads as a start to make again.
    private readonly Dictionary<string, Task> starting = new(StringComparer.Ordinal);

    private enum Verdict
    {
        Ours,
        RunAgain,
        Duplicate,
    }

    /// <summary>
    /// Claims <paramref name="members"/> for one run of <paramref name="target"/> and schedules it with
    /// those that are not duplicates; a redrive's run starts at <paramref name="resumeAt"/>. Throws
    /// only when no run was scheduled, or when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<AdmissionResult> StartAsync(
        DurableTaskClient client, RunTarget target, IReadOnlyList<RunMember> members, RunTarget? slotOf, CancellationToken cancellationToken, Hop? resumeAt = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(members);
        string proposed = OrchestrationStarter.RunId(target, members);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            Task? other;
            lock (starting)
            {
                if (!starting.TryGetValue(proposed, out other))
                {
                    starting[proposed] = done.Task;
                    break;
                }
            }

            await other.WaitAsync(cancellationToken);
        }

        try
        {
            return await AdmitAsync(client, target, members, proposed, slotOf, resumeAt, cancellationToken);
        }
        finally
        {
            lock (starting)
            {
                starting.Remove(proposed);
            }

            done.SetResult();
        }
    }

    private async Task<AdmissionResult> AdmitAsync(
        DurableTaskClient client, RunTarget target, IReadOnlyList<RunMember> members, string proposed, RunTarget? slotOf, Hop? resumeAt, CancellationToken cancellationToken)
    {
        DateTimeOffset claimedAt = time.GetUtcNow();
        IReadOnlyList<AdmissionClaim?> claims = await ledger.ClaimAsync(target, [.. members.Select(m => m.Id)], proposed, cancellationToken);
        string[] runOf = new string[members.Count];
        var kept = new List<int>(members.Count);
        var writtenAt = new DateTimeOffset[members.Count]; // when each kept claim was written
        bool again = false;
        for (int i = 0; i < members.Count; i++)
        {
            (Verdict verdict, string? existing) = await JudgeAsync(client, target, members[i], claims[i], proposed, cancellationToken);
            if (verdict == Verdict.Duplicate)
            {
                runOf[i] = existing!;
                AdmissionLog.LeftOut(logger, manifests, target, members[i], existing!);
                continue;
            }

            again |= verdict == Verdict.RunAgain;
            writtenAt[i] = claims[i] switch { null => claimedAt, { } own when own.RunId == proposed => own.ClaimedAt, _ => time.GetUtcNow() }; // taken over: just now
            kept.Add(i);
        }

        // Judging may have waited for another admission's claims while ours aged towards their own grace, after which
        // another admission takes them over: past half of it they are renewed, each only if still as written, and one
        // taken over meanwhile is left to the admission that took it, so that no event goes into two runs.
        DateTimeOffset now = time.GetUtcNow();
        if (kept.Where(i => writtenAt[i] + Grace / 2 <= now).ToArray() is { Length: > 0 } aged)
        {
            HashSet<int> lost = await RenewAsync(target, members, aged, proposed, runOf, cancellationToken);
            kept.RemoveAll(lost.Contains);
        }

        if (kept.Count == 0)
        {
            return new AdmissionResult(null, runOf);
        }

        RunMember[] run = [.. kept.Select(i => members[i])];
        string[] ids = [.. run.Select(m => m.Id)];

        // The id the claims name, duplicates left out or not: whoever meets a claim unconfirmed asks whether its run exists.
        string runId = proposed;
        bool started = false;
        try
        {
            // A start made before whose confirmation was lost: a finished run must not be started again.
            if (!again || await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                started = (await starter.StartAsync(client, target, runId, run, slotOf, cancellationToken, resumeAt)).Started;
                ends?.Use(client);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await ledger.ReleaseAsync(target, ids, CancellationToken.None);
            throw;
        }

        try
        {
            await ledger.ConfirmAsync(target, ids, runId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnconfirmed(logger, target, runId, ex);
        }

        foreach (int i in kept)
        {
            runOf[i] = runId;
        }

        return new AdmissionResult(started ? runId : null, runOf);
    }

    /// <summary>Renews the claims of <paramref name="aged"/> for <paramref name="proposed"/>; returns those another run took, having given them that run.</summary>
    private async Task<HashSet<int>> RenewAsync(RunTarget target, IReadOnlyList<RunMember> members, int[] aged, string proposed, string[] runOf, CancellationToken cancellationToken)
    {
        var lost = new HashSet<int>();
        foreach (int i in aged)
        {
            string member = members[i].Id;
            AdmissionClaim? claim = await CurrentClaimAsync(target, member, proposed, cancellationToken);

            // Another admission of this very run (an activity run twice) may renew it first: it stays this run's.
            while (claim is { Scheduled: false } && claim.RunId == proposed && !await ledger.ReplaceAsync(target, claim, proposed, cancellationToken))
            {
                claim = await CurrentClaimAsync(target, member, proposed, cancellationToken);
            }

            if (claim is not null && claim.RunId != proposed)
            {
                runOf[i] = claim.RunId;
                lost.Add(i);
                AdmissionLog.LeftOut(logger, manifests, target, members[i], claim.RunId);
            }
        }

        return lost;
    }

    /// <summary>The claim of <paramref name="member"/> as stored now; when there is none, it is claimed for <paramref name="proposed"/> and null is returned.</summary>
    private async Task<AdmissionClaim?> CurrentClaimAsync(RunTarget target, string member, string proposed, CancellationToken cancellationToken) =>
        await ledger.GetAsync(target, member, cancellationToken) ?? (await ledger.ClaimAsync(target, [member], proposed, cancellationToken))[0];

    /// <summary>Whether an event whose claim is <paramref name="claim"/> (null: claimed now) goes into run <paramref name="proposed"/>.</summary>
    private async Task<(Verdict Verdict, string? Existing)> JudgeAsync(
        DurableTaskClient client, RunTarget target, RunMember candidate, AdmissionClaim? claim, string proposed, CancellationToken cancellationToken)
    {
        string member = candidate.Id;
        while (true)
        {
            switch (claim)
            {
                case null:
                    return (Verdict.Ours, null);
                case { Scheduled: true }:
                    return (Verdict.Duplicate, claim.RunId);
                case { } when claim.RunId == proposed:
                    return (Verdict.RunAgain, null); // this very start, made before and not confirmed
            }

            // Another admission claimed it and has not confirmed yet: wait for it, or for its grace to end.
            if (claim.ClaimedAt + Grace > time.GetUtcNow())
            {
                await Task.Delay(Poll, time, cancellationToken);
                claim = await CurrentClaimAsync(target, member, proposed, cancellationToken);
                continue;
            }

            if (await client.GetInstanceAsync(claim.RunId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return (Verdict.Duplicate, claim.RunId); // scheduled, its confirmation lost
            }

            if (await ledger.ReplaceAsync(target, claim, proposed, cancellationToken))
            {
                AdmissionLog.TakenOver(logger, manifests, target, candidate, claim.RunId);
                return (Verdict.Ours, null);
            }

            claim = await CurrentClaimAsync(target, member, proposed, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "{Target}: run {RunId} is scheduled, but its events' claims could not be confirmed; a copy of one sent again is recognised, at the latest once their grace period ends")]
    private static partial void LogUnconfirmed(ILogger logger, RunTarget target, string runId, Exception exception);
}
