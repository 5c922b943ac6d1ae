using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>Runs started here that end on another instance stop counting here once their status says so.</summary>
public sealed class RunEndPollerTests : IAsyncDisposable
{
    private static readonly RunTarget Target = RunTarget.Sequence("seq");
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly ManualTime time = new();
    private readonly FakeDurableClient client = new();
    private readonly LogLines log = new();

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private InFlightRuns Runs(TimeSpan? forgetAfter) =>
        new(new BatchingOptions { MaxInFlight = 1, Lease = TimeSpan.FromSeconds(30) }, forgetAfter, time);

    private RunEndPoller Poller(InFlightRuns runs) => new(runs, new LoggerFactory([log]).CreateLogger<RunEndPoller>(), time);

    private static RunMember Member(string id) =>
        RunMember.Of(Target, new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "t" }, new RunEvent($$"""{"id":"{{id}}"}"""));

    /// <summary>Starts a run of three events through the admission, as ingress does, taking the target's one slot.</summary>
    private static async Task<string> StartAsync(InFlightRuns runs, RunEndPoller poller, FakeDurableClient client)
    {
        Assert.True(runs.TryTakeSlot(Target));
        var admission = new RunAdmission(
            new InMemoryAdmissionLedger(TimeSpan.FromHours(1)),
            new OrchestrationStarter(runs, NullLogger<OrchestrationStarter>.Instance),
            new ManifestSet([], [], [], [], [], []),
            TimeProvider.System,
            NullLogger<RunAdmission>.Instance,
            poller);
        AdmissionResult admitted = await admission.StartAsync(client, Target, [Member("a"), Member("b"), Member("c")], Target, default);
        return Assert.IsType<string>(admitted.Started);
    }

    private void Ends(string id, OrchestrationRuntimeStatus status) =>
        client.Instances.Add(new OrchestrationMetadata(TaskNames.SequenceOrchestrator, id) { RuntimeStatus = status });

    [Fact]
    public async Task A_run_that_ended_elsewhere_stops_counting_and_frees_its_slot_at_its_first_check()
    {
        InFlightRuns runs = Runs(Minute);
        RunEndPoller poller = Poller(runs);
        string id = await StartAsync(runs, poller, client);
        Ends(id, OrchestrationRuntimeStatus.Completed);

        time.Now += InFlightRuns.FirstCheck / 2;
        Assert.Equal(0, await poller.CheckAsync(default)); // not due yet
        Assert.Equal((1, 3), (runs.Runs, runs.Events));
        Assert.False(runs.TryTakeSlot(Target));

        time.Now += InFlightRuns.FirstCheck / 2;
        Assert.Equal(1, await poller.CheckAsync(default));

        Assert.Equal((0, 0), (runs.Runs, runs.Events));
        Assert.True(runs.TryTakeSlot(Target));
        Assert.Contains(log.Entries, e => e.EventId == 1107 && e.Text == "1 of 1 run(s) checked had ended on another instance");
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task A_run_that_failed_or_was_terminated_elsewhere_has_ended_too(OrchestrationRuntimeStatus status)
    {
        InFlightRuns runs = Runs(Minute);
        RunEndPoller poller = Poller(runs);
        Ends(await StartAsync(runs, poller, client), status);

        time.Now += InFlightRuns.FirstCheck;

        Assert.Equal(1, await poller.CheckAsync(default));
        Assert.Equal(0, runs.Runs);
    }

    [Fact]
    public async Task A_run_gone_from_the_task_hub_has_ended_as_only_ended_runs_are_purged()
    {
        InFlightRuns runs = Runs(Minute);
        RunEndPoller poller = Poller(runs);
        string id = await StartAsync(runs, poller, client);
        client.Forget(id);

        time.Now += InFlightRuns.FirstCheck;

        Assert.Equal(1, await poller.CheckAsync(default));
        Assert.Equal(0, runs.Runs);
    }

    [Fact]
    public async Task A_run_still_running_is_read_again_at_twice_its_age_each_time()
    {
        InFlightRuns runs = Runs(Minute);
        string id = await StartAsync(runs, Poller(runs), client);
        DateTimeOffset start = time.Now;
        var dueAt = new List<double>();

        for (double second = 0; second <= 20; second += 0.25)
        {
            time.Now = start + TimeSpan.FromSeconds(second);
            if (runs.TakeDueForCheck(10).Count > 0)
            {
                dueAt.Add(second);
            }
        }

        Assert.Equal([1, 2, 4, 8, 16], dueAt);
        Assert.Equal((1, 3), (runs.Runs, runs.Events)); // read, not ended: still counts
        Assert.Equal(TaskNames.SequenceOrchestrator, client.Scheduled.Single(s => s.Id == id).Name);
    }

    [Fact]
    public async Task A_run_whose_end_was_seen_here_is_never_read()
    {
        InFlightRuns runs = Runs(Minute);
        string id = await StartAsync(runs, Poller(runs), client);
        runs.Completed(id, failure: null);

        time.Now += TimeSpan.FromSeconds(5);

        Assert.Empty(runs.TakeDueForCheck(10));
    }

    [Fact]
    public async Task Where_every_end_is_seen_no_run_is_ever_read()
    {
        InFlightRuns runs = Runs(forgetAfter: null); // fseq: one process runs every episode
        await StartAsync(runs, Poller(runs), client);

        time.Now += TimeSpan.FromSeconds(30);

        Assert.Empty(runs.TakeDueForCheck(10));
    }

    [Fact]
    public void A_check_reads_the_oldest_due_runs_first_and_at_most_as_many_as_asked()
    {
        InFlightRuns runs = Runs(Minute);
        for (int i = 0; i < 3; i++)
        {
            runs.Started($"run-{i}", 1, slotOf: null);
            time.Now += TimeSpan.FromMilliseconds(100);
        }

        time.Now += InFlightRuns.FirstCheck;

        Assert.Equal(["run-0", "run-1"], runs.TakeDueForCheck(2));
        Assert.Equal(["run-2"], runs.TakeDueForCheck(2));
    }

    [Fact]
    public async Task A_status_that_cannot_be_read_leaves_the_run_counting_says_so_in_one_line_and_is_read_again()
    {
        InFlightRuns runs = Runs(Minute);
        RunEndPoller poller = Poller(runs);
        string id = await StartAsync(runs, poller, client);
        Ends(id, OrchestrationRuntimeStatus.Completed);
        client.ReadFailure = new InvalidOperationException("the task hub is out of reach");

        time.Now += InFlightRuns.FirstCheck;
        Assert.Equal(0, await poller.CheckAsync(default));

        Assert.Equal((1, 3), (runs.Runs, runs.Events));
        var warning = Assert.Single(log.Entries);
        Assert.Equal((LogLevel.Warning, 1108), (warning.Level, warning.EventId));
        Assert.Equal("Could not read the status of runs started here 1 time(s) (the task hub is out of reach); they count in flight until read", warning.Text);

        // Failures go on: counted, and logged once per WarnEvery with the count since the last line.
        for (int i = 0; i < 3; i++)
        {
            time.Now += InFlightRuns.FirstCheck * Math.Pow(2, i);
            await poller.CheckAsync(default);
        }

        Assert.Single(log.Entries);
        time.Now += RunEndPoller.WarnEvery;
        await poller.CheckAsync(default);
        Assert.Equal(2, log.Entries.Count);
        Assert.StartsWith("Could not read the status of runs started here 4 time(s) ", log.Entries[1].Text, StringComparison.Ordinal);

        client.ReadFailure = null;
        time.Now += TimeSpan.FromSeconds(18); // its next check, at twice its age of 18 s, within the minute it counts at most
        Assert.Equal(1, await poller.CheckAsync(default));
        Assert.Equal(0, runs.Runs);
    }

    [Fact]
    public async Task A_status_read_that_gets_no_answer_fails_at_the_read_timeout_on_the_pollers_clock_and_leaves_the_run_counting()
    {
        var clock = new FakeTimeProvider();
        var runs = new InFlightRuns(new BatchingOptions { MaxInFlight = 1, Lease = TimeSpan.FromSeconds(30) }, Minute, clock);
        var poller = new RunEndPoller(runs, new LoggerFactory([log]).CreateLogger<RunEndPoller>(), clock);
        string id = await StartAsync(runs, poller, client);
        Ends(id, OrchestrationRuntimeStatus.Completed);
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ReadHangs = reading;

        clock.Advance(InFlightRuns.FirstCheck);
        Task<int> check = poller.CheckAsync(default);
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the read is asked, its timeout armed
        clock.Advance(RunEndPoller.ReadTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(client.HungReadToken.IsCancellationRequested);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(client.HungReadToken.IsCancellationRequested); // by the poller's clock, at once
        Assert.Equal(0, await check.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal((1, 3), (runs.Runs, runs.Events));
        var warning = Assert.Single(log.Entries);
        Assert.Equal("Could not read the status of runs started here 1 time(s) (no answer within 5 s); they count in flight until read", warning.Text);
    }

    [Fact]
    public async Task Before_any_run_is_started_here_there_is_nothing_to_read_with_or_to_read()
    {
        InFlightRuns runs = Runs(Minute);
        runs.Started("from-a-redrive", 1, slotOf: null);
        time.Now += TimeSpan.FromSeconds(5);

        Assert.Equal(0, await Poller(runs).CheckAsync(default));
        Assert.Equal(1, runs.Runs);
    }

    [Fact]
    public void Thousands_of_runs_that_ended_behind_one_that_runs_on_leave_the_counts_and_the_checks_right()
    {
        InFlightRuns runs = Runs(Minute);
        runs.Started("long", 1, slotOf: null); // in back-off, say: first in the start order
        for (int i = 0; i < 5000; i++)
        {
            runs.Started($"run-{i}", 2, slotOf: null);
            runs.Completed($"run-{i}", failure: null);
        }

        runs.Started("late", 3, slotOf: null);
        Assert.Equal((2, 4), (runs.Runs, runs.Events)); // the ended ones dropped from the queues, the two live kept

        time.Now += InFlightRuns.FirstCheck;
        Assert.Equal(["late", "long"], runs.TakeDueForCheck(10).Order(StringComparer.Ordinal)); // ended runs are never read

        time.Now += Minute;
        Assert.Equal((0, 0), (runs.Runs, runs.Events)); // both still forgotten at their time
    }
}
