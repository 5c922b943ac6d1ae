namespace FunctionsSequence.Core.DeadLetters;

/// <summary>The rules every <see cref="IDeadLetterStore"/> applies, in one place.</summary>
internal static class DeadLetterRecords
{
    /// <summary>
    /// What recording <paramref name="incoming"/> over <paramref name="existing"/> (null: none yet)
    /// writes, or null for nothing. A record not redriven since stays as first recorded (the
    /// dead-letter activity ran again). A redriven one is dead-lettered again only by the run of its
    /// latest redrive (<paramref name="incoming"/>'s <see cref="DeadLetterRecord.Redrives"/> is the
    /// number of the redrive whose run dead-lettered it, 0 for none): a late replay of an earlier
    /// run must not set a redriven record back.
    /// </summary>
    public static DeadLetterRecord? Recorded(DeadLetterRecord? existing, DeadLetterRecord incoming)
    {
        if (existing is null)
        {
            return incoming;
        }

        if (existing.State == DeadLetterState.DeadLettered || incoming.Redrives != existing.Redrives)
        {
            return null;
        }

        return incoming with
        {
            State = DeadLetterState.DeadLettered,
            Origin = existing.Origin,
            Redrives = existing.Redrives,
            RedrivenAt = existing.RedrivenAt,
            RedriveResult = existing.RedriveResult,
            Version = existing.Version,
        };
    }
}
