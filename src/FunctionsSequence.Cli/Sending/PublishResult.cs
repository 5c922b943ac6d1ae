using CloudNative.CloudEvents;

namespace FunctionsSequence.Cli.Sending;

/// <summary>What the target answered to one event.</summary>
/// <param name="Succeeded">True for a 2xx answer.</param>
/// <param name="Status">The status code and reason, as <c>202 Accepted</c>.</param>
/// <param name="Problem">On failure, what the target said was wrong (a problem's detail, or the body's start); on success, what is wrong with a reply that is not a valid CloudEvent.</param>
/// <param name="Reply">The event a Service route answered with, if any.</param>
internal sealed record PublishResult(bool Succeeded, string Status, string? Problem = null, CloudEvent? Reply = null);
