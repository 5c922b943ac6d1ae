using System.Text.Json;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.HostTests.Hosting;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>
/// <c>fseq redrive</c> against the Functions app on the real host, with its function key: the app
/// records a dead-lettered event (in its table beside the task hub); fseq lists it and redrives it
/// through the app's routes back to the step that failed, until it goes through and event-display
/// prints it once; a further redrive is refused.
/// </summary>
[Collection(DeliveryHostGroup.Name)]
public sealed class RedriveTests(DeliveryHost fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_dead_letter_the_app_recorded_is_redriven_by_fseq_with_the_key_and_displayed_once()
    {
        FunctionsHost host = fixture.Host;
        string[] app = ["--url", host.BaseAddress.ToString(), "--key", host.Key];
        string id = "hr-" + Guid.NewGuid().ToString("N");
        using (HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/" + RedriveScenario.Sequence, id, "test.event", "/host-redrive-tests", """{"message":"hi"}"""))
        using (HttpResponseMessage response = await host.Http.SendAsync(request))
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await fixture.Steps.WaitAtAsync("/dls", id);
        DeadLetterRecord listed = await ListedAsync(app, id);
        Assert.Equal(("Sequence redriven step 1", DeadLetterState.DeadLettered), (listed.Hop.ToString(), listed.State));

        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, ["redrive", "send", listed.Id, .. app]);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"redrive {listed.Id} id={id} source=/host-redrive-tests from=\"dead-letter sink\" to=\"Sequence redriven step 1\" result=Started", stdout, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => fixture.Steps.At("/dls", id).Count == 2, Timeout, () => "the redriven event was not dead-lettered again"); // the step's second attempt fails too
        DeadLetterRecord again = await ListedAsync(app, id);
        Assert.Equal((DeadLetterState.DeadLettered, 1), (again.State, again.Redrives));

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, ["redrive", "send", listed.Id, .. app]);
        Assert.True(exit == 0, stderr);
        string block = await DisplayedOnce.AssertAsync(host, id);
        (exit, stdout, _) = await FseqProcess.RunToEndAsync(Timeout, ["redrive", "send", listed.Id, .. app]);
        (int keyless, _, string keylessErr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "list", "--url", host.BaseAddress.ToString());

        Assert.Contains("type: test.flaky.done", block, StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Contains("result=Refused: redriven already at", stdout, StringComparison.Ordinal);
        Assert.Single(fixture.Steps.AttemptsOf("/echo", id)); // the redrives went back to step 1, not to the start
        Assert.Equal(3, fixture.Steps.AttemptsOf("/flaky", id).Count);
        if (host.EnforcesKeys)
        {
            Assert.Equal(1, keyless);
            Assert.Contains("401", keylessErr, StringComparison.Ordinal);
            Assert.Contains("need its function key: give --key KEY", keylessErr, StringComparison.Ordinal);
        }
    }

    private static async Task<DeadLetterRecord> ListedAsync(string[] app, string id)
    {
        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, ["redrive", "list", .. app, "--output", "json"]);
        Assert.True(exit == 0, stderr);
        List<DeadLetterRecord> records = JsonSerializer.Deserialize<List<DeadLetterRecord>>(stdout, DeadLetterJson.Options)!;
        return Assert.Single(records, r => r.Event.Contains($"\"{id}\"", StringComparison.Ordinal));
    }
}
