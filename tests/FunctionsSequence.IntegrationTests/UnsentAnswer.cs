using FunctionsSequence.Core.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// A Sequence's last step with no reply that answers 2xx with an invalid CloudEvent, on fseq and on the real host: Knative's
/// dispatcher reads no answer it has nowhere to send, so the step is called once, nothing is dead-lettered, the run
/// completes, and a warning says the answer was read as no event (with a reply, the same answer is dead-lettered: <c>bad-reply</c>).
/// </summary>
internal static class UnsentAnswer
{
    /// <summary>The Sequence of <see cref="DeliveryScenario"/> whose one step answers an invalid CloudEvent, with no reply.</summary>
    public const string Sequence = "bad-last-step";

    /// <summary>The line the hop logs for event <paramref name="id"/>.</summary>
    public static string Warning(string id) =>
        $"Sequence {Sequence} step 0: event {id}: the answer is read as no event, as the flow has no reply to send it to (Knative reads no answer there): POST ";

    /// <summary>Checks what follows the event <paramref name="id"/> sent to <see cref="Sequence"/>, once <paramref name="waitForLine"/> has seen <see cref="Warning"/>.</summary>
    public static async Task AssertAsync(HttpClient http, StepServer steps, string id, Func<string, Task> waitForLine)
    {
        await waitForLine(Warning(id));
        RunSummary run = (await FailedRuns.WaitAsync(http, id, "completed", TimeSpan.FromSeconds(60))).Run;
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a retry would come 1 s after the first try

        Assert.Single(steps.AttemptsOf("/bad-reply", id)); // its delivery says retry: 1
        Assert.Empty(steps.At("/dls", id));
        Assert.Equal(0, run.DeadLettered);
    }
}
