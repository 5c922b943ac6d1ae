namespace FunctionsSequence.Steps;

/// <summary>The minute Knative's Parallel samples compute from an event's time.</summary>
internal static class SampleMinutes
{
    /// <summary>The samples' <c>Math.round(Date.parse(event.time) / 60000)</c>: minutes since the epoch, rounded half up.</summary>
    public static long Rounded(DateTimeOffset time) => (long)Math.Floor((time.ToUnixTimeMilliseconds() / 60_000d) + 0.5);
}
