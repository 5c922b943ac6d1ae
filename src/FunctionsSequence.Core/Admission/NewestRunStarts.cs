namespace FunctionsSequence.Core.Admission;

/// <summary>
/// When the newest runs this process scheduled started, for keeping only the newest <see cref="Keep"/> finished
/// runs (<see cref="InstancePurger"/>) where the engine holds this process's runs alone (in memory): the cut-off
/// comes from here, not from a query of every finished run, which the in-memory engine answers with each run's
/// input and output.
/// </summary>
public sealed class NewestRunStarts
{
    private readonly Lock sync = new();
    private readonly DateTimeOffset[] ring;
    private long count;

    /// <summary>The most runs kept: the ring is allocated whole, 16 bytes a run.</summary>
    public const int MostKept = 100_000;

    /// <summary>Keeps the start times of the newest <paramref name="keep"/> runs (0 to <see cref="MostKept"/>) and the one before them.</summary>
    public NewestRunStarts(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keep, MostKept);
        Keep = keep;
        ring = new DateTimeOffset[keep + 1];
    }

    /// <summary>How many of the newest runs are kept.</summary>
    public int Keep { get; }

    /// <summary>A run started at <paramref name="at"/> (runs are reported in the order they started).</summary>
    public void Add(DateTimeOffset at)
    {
        lock (sync)
        {
            ring[count % ring.Length] = at;
            count++;
        }
    }

    /// <summary>When more than <see cref="Keep"/> runs started, when the newest run before the <see cref="Keep"/> newest started; else null.</summary>
    public DateTimeOffset? NewestBeyond()
    {
        lock (sync)
        {
            return count > Keep ? ring[(count - Keep - 1) % ring.Length] : null;
        }
    }
}
