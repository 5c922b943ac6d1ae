using System.Text.Json;
using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// <c>fseq redrive</c> against <c>fseq run</c>, in memory and on Azurite: a step that fails is
/// dead-lettered and listed; redriven, the event goes back to that step (not the steps before it)
/// with its id; a redrive that fails is dead-lettered again and can be redriven again; once through,
/// event-display prints it once and a further redrive is refused with a clear line. Event Grid's
/// dead-letter blobs (written here in its format to Azurite) are imported once, listed and
/// redriven to their Trigger's subscriber.
/// </summary>
public sealed class RedriveTests(StepServer steps) : IClassFixture<StepServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("memory")]
    [InlineData("azurite")]
    public async Task A_dead_letter_is_listed_redriven_to_its_step_until_it_goes_through_once_and_then_refused(string store)
    {
        string[] storeArgs = [];
        if (store == "azurite")
        {
            await Azurite.EnsureRunningAsync();
            storeArgs = ["--store", "azurite", "--task-hub", "redrive" + Guid.NewGuid().ToString("N")[..10]];
        }

        await using ManifestRun run = await ManifestRun.StartAsync(RedriveScenario.Manifest(steps.BaseAddress), storeArgs);
        string url = run.Http.BaseAddress!.ToString();
        string[] listFrom = store == "azurite" ? storeArgs : ["--url", url]; // on storage, read the table directly
        string id = "r-" + Guid.NewGuid().ToString("N");
        using (HttpRequestMessage request = CloudEventRequests.Binary("/api/sequences/" + RedriveScenario.Sequence, id, "test.event", "/redrive-tests", """{"message":"hi"}"""))
        using (HttpResponseMessage response = await run.Http.SendAsync(request))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        await steps.WaitAtAsync("/dls", id);
        DeadLetterRecord listed = await ListedAsync(listFrom, id, DeadLetterState.DeadLettered);
        Assert.Equal("Sequence redriven step 1", listed.Hop.ToString());

        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", listed.Id, "--url", url);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"redrive {listed.Id} id={id} source=/redrive-tests from=\"dead-letter sink\" to=\"Sequence redriven step 1\" result=Started", stdout, StringComparison.Ordinal);
        await WaitAsync(() => steps.At("/dls", id).Count == 2); // the flaky step fails its second attempt too: dead-lettered again
        Assert.Equal(1, (await ListedAsync(listFrom, id, DeadLetterState.DeadLettered)).Redrives); // recorded before it reached the sink

        (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", "--all", "--url", url);
        Assert.True(exit == 0, stderr);
        await run.Fseq.WaitForDisplayAsync($"id: {id}");
        (exit, stdout, _) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", listed.Id, "--url", url);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second display, were there one

        Assert.Equal(1, exit);
        Assert.Contains("result=Refused: redriven already at", stdout, StringComparison.Ordinal);
        string block = Assert.Single(DisplayBlocks.Parse(run.Fseq.Stdout), b => b.Contains($"id: {id}", StringComparison.Ordinal));
        Assert.Contains("type: test.flaky.done", block, StringComparison.Ordinal);
        Assert.Single(steps.AttemptsOf("/echo", id)); // redrives went back to step 1, not to the start
        Assert.Equal(3, steps.AttemptsOf("/flaky", id).Count);
        Assert.Equal(DeadLetterState.Redriven, (await ListedAsync(listFrom, id)).State);
    }

    [Fact]
    public async Task Event_grid_dead_letter_blobs_are_imported_once_listed_and_redriven_to_their_trigger()
    {
        await Azurite.EnsureRunningAsync();
        string[] storeArgs = ["--store", "azurite", "--task-hub", "egredrive" + Guid.NewGuid().ToString("N")[..10]];
        string container = "deadletters" + Guid.NewGuid().ToString("N")[..8];
        string id = "eg-" + Guid.NewGuid().ToString("N");
        string filtered = id + "-other";
        await using ManifestRun run = await ManifestRun.StartAsync(TriggerManifest(), storeArgs);
        string url = run.Http.BaseAddress!.ToString();
        var blobs = new Azure.Storage.Blobs.BlobContainerClient(Azurite.ConnectionString, container);
        await blobs.CreateAsync();
        await blobs.UploadBlobAsync($"FSEQ-EVENTS/ORDERS/2026/2/3/4/{Guid.NewGuid()}.json", BinaryData.FromString($$"""
            [{"id":"{{id}}","source":"/shop","specversion":"1.0","type":"test.order","region":"eu","datacontenttype":"application/json","data":{"n":1},
              "deadletterreason":"MaxDeliveryAttemptsExceeded","deliveryattempts":30,"lastdeliveryoutcome":"NotFound","lasthttpstatuscode":404,
              "publishtime":"2026-02-03T03:00:00Z","lastdeliveryattempttime":"2026-02-03T04:00:00Z"},
             {"id":"{{filtered}}","source":"/shop","specversion":"1.0","type":"test.other","deadletterreason":"MaxDeliveryAttemptsExceeded","deliveryattempts":30}]
            """));

        for (int i = 0; i < 2; i++)
        {
            (int imported, string importOut, string importErr) = await FseqProcess.RunToEndAsync(Timeout, ["redrive", "import", .. storeArgs, "--container", container]);
            Assert.True(imported == 0, importErr);
            Assert.Contains(i == 0 ? "2 dead letter(s) from 1 blob(s) recorded (each once): 2 new, 0 recorded before" : "2 dead letter(s) from 1 blob(s) recorded (each once): 0 new, 2 recorded before", importOut, StringComparison.Ordinal);
        }

        DeadLetterRecord listed = await ListedAsync(storeArgs, id, DeadLetterState.DeadLettered); // once, though imported twice
        Assert.Equal(("Trigger orders", 404, 30), (listed.Hop.ToString(), listed.StatusCode, listed.Attempts));
        Assert.StartsWith($"{container}/FSEQ-EVENTS/ORDERS/2026/2/3/4/", listed.Origin, StringComparison.Ordinal);
        DeadLetterRecord other = await ListedAsync(storeArgs, filtered, DeadLetterState.DeadLettered);

        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", listed.Id, other.Id, "--url", url);
        (Dictionary<string, string> headers, string body) = await steps.WaitAtAsync("/sink", id);
        (int again, string againOut, _) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "send", listed.Id, "--url", url);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second delivery, were there one

        Assert.Equal(1, exit); // the filtered one is not sent
        Assert.Contains($"id={id} source=/shop from=\"{listed.Origin}\" to=\"Trigger orders\" result=Started", stdout, StringComparison.Ordinal);
        Assert.Contains($"id={filtered} source=/shop from=\"{other.Origin}\" to=\"Trigger orders\" result=Refused: the event does not pass Trigger orders's filter", stdout, StringComparison.Ordinal);
        Assert.True(stderr.Length == 0, stderr);
        Assert.Single(steps.At("/sink", id));
        Assert.Empty(steps.At("/sink", filtered));
        Assert.Equal(("test.order", "eu"), (headers["ce-type"], headers["ce-region"]));
        Assert.DoesNotContain(headers.Keys, k => k.Contains("deadletter", StringComparison.OrdinalIgnoreCase) || k.Contains("delivery", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("""{"n":1}""", body);
        Assert.Equal(1, again);
        Assert.Contains("result=Refused: redriven already at", againOut, StringComparison.Ordinal);
        await blobs.DeleteAsync();
    }

    [Theory]
    [InlineData("redrive", "list")]
    [InlineData("redrive", "send", "--all")]
    public async Task A_url_that_answers_with_something_else_than_dead_letters_is_one_line(params string[] command)
    {
        string url = new Uri(steps.BaseAddress, "/web-page/").ToString();

        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, [.. command, "--url", url]);

        Assert.Equal(1, exit);
        Assert.StartsWith($"fseq: cannot {(command[1] == "list" ? "list dead letters" : "redrive")}: {url} did not answer with dead letters (is it fseq or a FunctionsSequence app?): ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task A_container_that_is_not_there_is_named_in_one_line_without_the_storage_request_details()
    {
        await Azurite.EnsureRunningAsync();
        string taskHub = "nocontainer" + Guid.NewGuid().ToString("N")[..10];
        var tables = new Azure.Data.Tables.TableServiceClient(Azurite.ConnectionString);
        await tables.CreateTableAsync(taskHub + "Instances"); // the task hub is there; the container is not

        (int exit, _, string stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "import", "--store", "azurite", "--task-hub", taskHub, "--container", "no-such-container");
        await tables.DeleteTableAsync(taskHub + "Instances");

        Assert.Equal(1, exit);
        Assert.Equal("fseq: cannot import dead letters: there is no container 'no-such-container' in this storage (Event Grid writes to a container that exists; the app's infra creates 'deadletters'): check --store and --container\n", stderr);
    }

    [Fact]
    public async Task A_blob_that_is_not_json_is_skipped_and_an_item_that_is_no_cloudevent_left_out_saying_where()
    {
        await Azurite.EnsureRunningAsync();
        string taskHub = "badblob" + Guid.NewGuid().ToString("N")[..10];
        string container = "deadletters" + Guid.NewGuid().ToString("N")[..8];
        var tables = new Azure.Data.Tables.TableServiceClient(Azurite.ConnectionString);
        await tables.CreateTableAsync(taskHub + "Instances");
        var blobs = new Azure.Storage.Blobs.BlobContainerClient(Azurite.ConnectionString, container);
        await blobs.CreateAsync();
        await blobs.UploadBlobAsync("FSEQ-EVENTS/ORDERS/2026/2/3/4/bad.json", BinaryData.FromString("[{\"id\": 1},\n not json"));
        await blobs.UploadBlobAsync("FSEQ-EVENTS/ORDERS/2026/2/3/4/mixed.json", BinaryData.FromString("""
            [{"id":"bad-1","source":"/shop","specversion":"1.0"},
             {"id":"good-1","source":"/shop","specversion":"1.0","type":"test.order","deadletterreason":"MaxDeliveryAttemptsExceeded"}]
            """));

        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, "redrive", "import", "--store", "azurite", "--task-hub", taskHub, "--container", container);
        await tables.DeleteTableAsync(taskHub + "Instances");
        await blobs.DeleteAsync();

        Assert.Equal(1, exit);
        Assert.Contains($"{container}/FSEQ-EVENTS/ORDERS/2026/2/3/4/bad.json: not JSON: unexpected 'o' at line 2, column 3; skipped\n", stderr, StringComparison.Ordinal); // 'n' begins null
        Assert.Contains($"{container}/FSEQ-EVENTS/ORDERS/2026/2/3/4/mixed.json: item 0 is not a valid CloudEvent: ", stderr, StringComparison.Ordinal);
        Assert.Contains("id=good-1 source=/shop", stdout, StringComparison.Ordinal); // the blob's other item is recorded
        Assert.Contains("1 dead letter(s) from 1 blob(s) recorded (each once): 1 new, 0 recorded before, 1 blob(s) skipped, 1 item(s) not read", stdout, StringComparison.Ordinal);
    }

    private string TriggerManifest() => $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata:
          name: events
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: orders
        spec:
          broker: events
          filter: { attributes: { type: test.order } }
          subscriber: { uri: {{new Uri(steps.BaseAddress, "/sink")}} }
        """;

    private static async Task<DeadLetterRecord> ListedAsync(string[] from, string id, DeadLetterState? state = null)
    {
        (int exit, string stdout, string stderr) = await FseqProcess.RunToEndAsync(Timeout, ["redrive", "list", .. from, "--output", "json"]);
        Assert.True(exit == 0, stderr);
        List<DeadLetterRecord> records = JsonSerializer.Deserialize<List<DeadLetterRecord>>(stdout, DeadLetterJson.Options)!;
        DeadLetterRecord record = Assert.Single(records, r => r.Event.Contains($"\"{id}\"", StringComparison.Ordinal));
        if (state is not null)
        {
            Assert.Equal(state, record.State);
        }

        return record;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }
}
