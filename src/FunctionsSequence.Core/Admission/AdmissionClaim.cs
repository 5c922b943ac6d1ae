namespace FunctionsSequence.Core.Admission;

/// <summary>An event's place in the admission ledger: the run it went into, whether that run is scheduled, and when it was claimed.</summary>
/// <param name="Member">The event's id in its target (<see cref="Durable.InstanceIds.For"/>).</param>
/// <param name="RunId">The run it went into.</param>
/// <param name="Scheduled">True once that run was scheduled; until then the claim may belong to an admission still under way, or one that died.</param>
/// <param name="ClaimedAt">When the claim was last written.</param>
/// <param name="Version">The store's version of the claim, for a conditional replace.</param>
public sealed record AdmissionClaim(string Member, string RunId, bool Scheduled, DateTimeOffset ClaimedAt, string Version);
