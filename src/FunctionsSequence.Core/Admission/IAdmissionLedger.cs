using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// Which run each event admitted to a Sequence or a Trigger went into, kept for a retention window
/// (24 h by default, Event Grid's retry window) and shared by every instance of the app: the same
/// event (same target, source and id) sent again in that window, to any instance, after a restart,
/// alone or in a shared run, is recognised and not run again. Claims older than the window count
/// as absent.
/// </summary>
public interface IAdmissionLedger
{
    /// <summary>How long a claim counts.</summary>
    TimeSpan Retention { get; }

    /// <summary>
    /// Claims <paramref name="members"/> of <paramref name="target"/> for run <paramref name="runId"/>,
    /// not yet scheduled. One entry per member, in order: null where this call claimed it, else the
    /// claim found.
    /// </summary>
    Task<IReadOnlyList<AdmissionClaim?>> ClaimAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken);

    /// <summary>The claim of <paramref name="member"/> as stored now, or null when there is none within the window.</summary>
    Task<AdmissionClaim?> GetAsync(RunTarget target, string member, CancellationToken cancellationToken);

    /// <summary>
    /// Gives <paramref name="claim"/> to run <paramref name="runId"/> if it is still as it was read;
    /// false when another claim came first.
    /// </summary>
    Task<bool> ReplaceAsync(RunTarget target, AdmissionClaim claim, string runId, CancellationToken cancellationToken);

    /// <summary>Records that the claims this process holds for <paramref name="members"/> went into run <paramref name="runId"/>, now scheduled.</summary>
    Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken);

    /// <summary>Forgets claims this process made for a run it could not schedule, so the events may be sent again.</summary>
    Task ReleaseAsync(RunTarget target, IReadOnlyList<string> members, CancellationToken cancellationToken);

    /// <summary>Deletes claims older than <see cref="Retention"/>; returns how many.</summary>
    Task<int> ForgetExpiredAsync(CancellationToken cancellationToken);
}
