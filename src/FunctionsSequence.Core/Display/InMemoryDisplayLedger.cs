using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Display;

/// <summary>
/// A ledger for one process: it catches replays within the process (a worker that reconnects),
/// and forgets the oldest keys beyond <see cref="Capacity"/> so memory stays bounded. One process
/// holds no claims: its display shows a key in one call at a time, so a key not recorded is claimed.
/// </summary>
public sealed class InMemoryDisplayLedger : IDisplayLedger
{
    /// <summary>How many keys are kept.</summary>
    public const int Capacity = 100_000;

    private readonly RecentKeys keys = new(Capacity);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DisplayClaim>> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return ValueTask.FromResult<IReadOnlyList<DisplayClaim>>([.. keys.Select(k => this.keys.Contains(k) ? DisplayClaim.Printed : DisplayClaim.Claimed)]);
    }

    /// <inheritdoc />
    public ValueTask RecordAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (string key in keys)
        {
            this.keys.Add(key);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Nothing to forget by age: this ledger forgets its oldest keys beyond <see cref="Capacity"/> as it records.</summary>
    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(0);
}
