namespace FunctionsSequence.Core.Admission;

/// <summary>
/// Back-pressure at ingress: with more work in flight than the host can finish, refuse new events
/// with 429 and Retry-After (which senders and Event Grid retry) instead of accepting and losing them.
/// </summary>
public interface IIngressThrottle
{
    /// <summary>
    /// Null to accept <paramref name="incoming"/> events now, held as entering until <see cref="Entered"/> so that requests
    /// at once cannot all pass one check; else how long the sender should wait.
    /// </summary>
    TimeSpan? RetryAfter(int incoming);

    /// <summary>The most events it ever lets in at once: a request of more could never enter, so it is refused as too large, not told to retry.</summary>
    int MaxEvents { get; }

    /// <summary>The <paramref name="incoming"/> events accepted have entered (or failed to): they count where they went.</summary>
    void Entered(int incoming);
}
