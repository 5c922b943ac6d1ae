using System.Globalization;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// The admission ledger of one process with no storage (fseq in memory, where runs do not outlive
/// the process either): claims are kept for the retention window, and the oldest are forgotten
/// beyond <see cref="Capacity"/> so memory stays bounded.
/// </summary>
public sealed class InMemoryAdmissionLedger(TimeSpan retention, TimeProvider? time = null, int capacity = InMemoryAdmissionLedger.DefaultCapacity) : IAdmissionLedger
{
    /// <summary>How many claims are kept by default.</summary>
    public const int DefaultCapacity = 200_000;

    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly Lock sync = new();
    private readonly Dictionary<(RunTarget, string), AdmissionClaim> claims = [];
    private readonly Queue<((RunTarget, string) Key, AdmissionClaim Claim)> order = new();
    private long versions;

    /// <inheritdoc />
    public TimeSpan Retention { get; } = retention;

    /// <summary>How many claims are kept at most.</summary>
    public int Capacity { get; } = capacity;

    /// <inheritdoc />
    public Task<IReadOnlyList<AdmissionClaim?>> ClaimAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        var found = new AdmissionClaim?[members.Count];
        lock (sync)
        {
            DateTimeOffset now = time.GetUtcNow();
            for (int i = 0; i < members.Count; i++)
            {
                if (claims.TryGetValue((target, members[i]), out AdmissionClaim? claim) && claim.ClaimedAt + Retention > now)
                {
                    found[i] = claim;
                }
                else
                {
                    Put(target, members[i], runId, scheduled: false, now);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<AdmissionClaim?>>(found);
    }

    /// <inheritdoc />
    public Task<bool> ReplaceAsync(RunTarget target, AdmissionClaim claim, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (sync)
        {
            if (!claims.TryGetValue((target, claim.Member), out AdmissionClaim? current) || current.Version != claim.Version)
            {
                return Task.FromResult(false);
            }

            Put(target, claim.Member, runId, scheduled: false, time.GetUtcNow());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<AdmissionClaim?> GetAsync(RunTarget target, string member, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult(claims.TryGetValue((target, member), out AdmissionClaim? claim) && claim.ClaimedAt + Retention > time.GetUtcNow() ? claim : null);
        }
    }

    /// <inheritdoc />
    public Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        lock (sync)
        {
            foreach (string member in members)
            {
                Put(target, member, runId, scheduled: true, time.GetUtcNow());
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(RunTarget target, IReadOnlyList<string> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        lock (sync)
        {
            foreach (string member in members)
            {
                claims.Remove((target, member));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
    {
        int forgotten = 0;
        lock (sync)
        {
            DateTimeOffset now = time.GetUtcNow();
            while (order.TryPeek(out var oldest) && (oldest.Claim.ClaimedAt + Retention <= now || order.Count > Capacity))
            {
                order.Dequeue();
                if (claims.TryGetValue(oldest.Key, out AdmissionClaim? current) && ReferenceEquals(current, oldest.Claim))
                {
                    claims.Remove(oldest.Key);
                    forgotten++;
                }
            }
        }

        return Task.FromResult(forgotten);
    }

    private void Put(RunTarget target, string member, string runId, bool scheduled, DateTimeOffset now)
    {
        var claim = new AdmissionClaim(member, runId, scheduled, now, (++versions).ToString(CultureInfo.InvariantCulture));
        claims[(target, member)] = claim;
        order.Enqueue(((target, member), claim));
        while (order.Count > Capacity && order.TryDequeue(out var oldest))
        {
            if (claims.TryGetValue(oldest.Key, out AdmissionClaim? current) && ReferenceEquals(current, oldest.Claim))
            {
                claims.Remove(oldest.Key);
            }
        }
    }
}
