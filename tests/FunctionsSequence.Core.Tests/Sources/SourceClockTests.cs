using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Sources;

/// <summary>
/// One timer fires every source: each tick once, none lost at a window's edge or across a restart,
/// whatever the timer's own period.
/// </summary>
public sealed partial class SourceClockTests : IAsyncDisposable
{
    private static readonly string Yaml = SourcesIntoSeq(("every-minute", "* * * * *"));

    private static readonly DateTimeOffset Ten = new(2031, 5, 17, 10, 0, 0, TimeSpan.Zero);

    private readonly ManualTime time = new();
    private readonly FakeDurableClient client = new();
    private readonly ServiceProvider services = Manifests.Provider(Yaml);
    private readonly InMemorySourceCursor cursor = new();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    private SourceClock Clock(string wakes, ISourceCursor? shared = null, ServiceProvider? over = null, TimeSpan? budget = null) =>
        new((over ?? services).GetRequiredService<ManifestSet>(), (over ?? services).GetRequiredService<SourceFirer>(), shared ?? cursor, CronSchedule.Parse(wakes), time, budget);

    /// <summary>Keeps <paramref name="end"/> in the cursor as the end of every source of the manifests: the last wake before.</summary>
    private Task KeepAsync(DateTimeOffset end, ServiceProvider? over = null, ISourceCursor? into = null) =>
        (into ?? cursor).SetAsync((over ?? services).GetRequiredService<ManifestSet>().Sources.ToDictionary(s => s.EventSource, _ => end), default);

    /// <summary>Where the cursor has PingSource <paramref name="name"/>, or null.</summary>
    private async Task<DateTimeOffset?> EndAsync(string name)
    {
        string source = $"/apis/v1/namespaces/default/pingsources/{name}";
        return (await cursor.GetAsync([source], default)).TryGetValue(source, out DateTimeOffset end) ? end : null;
    }

    /// <summary>PingSources of these names and schedules, each into Sequence seq, declared after them.</summary>
    private static string SourcesIntoSeq(params (string Name, string Schedule)[] sources) =>
        string.Concat(sources.Select(s => $$"""
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata: { name: {{s.Name}} }
            spec:
              schedule: "{{s.Schedule}}"
              sink: { ref: { apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq } }
            ---

            """)) + """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata: { name: seq }
            spec:
              steps:
                - uri: http://step.local/
            """;

    /// <summary>The ticks fired so far, as the times of their events.</summary>
    private string[] Fired(string? by = null) =>
        [.. client.Scheduled.SelectMany(s => ((SequenceRun)s.Input!).Events).Select(e => CloudEventJson.Decode(e.Event.Json))
            .Where(e => by is null || e.Source!.OriginalString.EndsWith("/" + by, StringComparison.Ordinal))
            .Select(e => e.Time!.Value.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task After_an_outage_the_missed_ticks_fire_once_each()
    {
        await KeepAsync(Ten.AddMinutes(1)); // the last wake before the app went down
        time.Now = Ten.AddMinutes(4).AddMilliseconds(200);

        await Clock("0 * * * * *").FireDueAsync(client, default);

        Assert.Equal(["10:02:00", "10:03:00", "10:04:00"], Fired());
    }

    [Fact]
    public async Task A_tick_whose_sink_is_out_of_reach_for_a_moment_is_sent_again_as_Knatives_PingSource_does()
    {
        await KeepAsync(Ten);
        time.Now = Ten.AddMinutes(1);
        client.FailuresToCome = 2;

        await Clock("0 * * * * *").FireDueAsync(client, default);

        Assert.Equal(["10:01:00"], Fired());
    }

    [Fact]
    public async Task A_tick_whose_sink_stays_out_of_reach_is_given_up_after_Knatives_five_retries()
    {
        await KeepAsync(Ten);
        time.Now = Ten.AddMinutes(1);
        client.FailuresToCome = SourceFirer.Retries + 1;

        await Clock("0 * * * * *").FireDueAsync(client, default);
        Assert.Equal(SourceFirer.Retries + 1, client.ScheduleCalls); // the first send and five retries, no more
        client.FailuresToCome = 0;
        time.Now = Ten.AddMinutes(2);
        await Clock("0 * * * * *").FireDueAsync(client, default);

        Assert.Equal(["10:02:00"], Fired());
    }

    [Fact]
    public async Task A_timer_that_fires_a_little_early_fires_the_tick_at_its_due_time_and_not_again()
    {
        await KeepAsync(Ten.AddMinutes(4));
        SourceClock clock = Clock("0 * * * * *");

        time.Now = Ten.AddMinutes(5).AddMilliseconds(-10); // 10:04:59.990 for the 10:05 wake
        await clock.FireDueAsync(client, default);
        time.Now = Ten.AddMinutes(6).AddMilliseconds(15);
        await clock.FireDueAsync(client, default);

        Assert.Equal(["10:05:00", "10:06:00"], Fired());
    }

    [Fact]
    public async Task A_timer_that_wakes_every_few_seconds_fires_each_minute_once()
    {
        SourceClock clock = Clock("*/5 * * * * *");
        for (time.Now = Ten.AddSeconds(5); time.Now <= Ten.AddMinutes(3); time.Now += TimeSpan.FromSeconds(5))
        {
            await clock.FireDueAsync(client, default);
        }

        Assert.Equal(["10:01:00", "10:02:00", "10:03:00"], Fired());
    }

    [Fact]
    public async Task A_first_wake_fires_what_fell_in_the_period_before_it_only()
    {
        time.Now = Ten.AddMinutes(7).AddMilliseconds(40);

        await Clock("0 * * * * *").FireDueAsync(client, default);

        Assert.Equal(["10:07:00"], Fired());
    }

    [Fact]
    public async Task A_restarted_app_takes_up_where_the_cursor_is()
    {
        time.Now = Ten.AddMinutes(2);
        await Clock("0 * * * * *").FireDueAsync(client, default);

        time.Now = Ten.AddMinutes(5).AddSeconds(1); // another process, the same cursor
        await Clock("0 * * * * *").FireDueAsync(client, default);

        Assert.Equal(["10:02:00", "10:03:00", "10:04:00", "10:05:00"], Fired());
    }

    [Fact]
    public async Task A_clock_that_wakes_at_its_sources_ticks_starts_now_or_where_its_cursor_was()
    {
        time.Now = Ten.AddSeconds(30);
        Assert.False(await Clock("0 * * * * *").StartAsync(default));
        Assert.Equal(Ten.AddSeconds(30), await EndAsync("every-minute")); // nothing from before the start fires

        var kept = new InMemorySourceCursor();
        await KeepAsync(Ten.AddMinutes(1), into: kept); // fseq on storage, stopped after its 10:01 tick
        time.Now = Ten.AddMinutes(4).AddSeconds(30);
        SourceClock restarted = Clock("0 * * * * *", kept);
        Assert.True(await restarted.StartAsync(default));
        await restarted.FireDueAsync(client, time.Now, default); // at once, as fseq does on a kept cursor

        Assert.Equal(["10:02:00", "10:03:00", "10:04:00"], Fired());
    }

    [Fact]
    public async Task A_source_declared_since_the_last_wake_fires_from_a_wake_before_not_from_the_others_cursor()
    {
        await KeepAsync(Ten.AddMinutes(1)); // the app went down after its 10:01 wake, and comes back with a new source
        await using ServiceProvider added = Manifests.Provider(SourcesIntoSeq(("every-minute", "* * * * *"), ("added", "* * * * *")));
        time.Now = Ten.AddMinutes(4).AddMilliseconds(200);

        await Clock("0 * * * * *", over: added).FireDueAsync(client, default);

        Assert.Equal(["10:02:00", "10:03:00", "10:04:00"], Fired("every-minute"));
        Assert.Equal(["10:04:00"], Fired("added"));
    }

    [Fact]
    public async Task A_source_removed_and_declared_again_starts_afresh()
    {
        await using ServiceProvider both = Manifests.Provider(SourcesIntoSeq(("every-minute", "* * * * *"), ("again", "* * * * *")));
        time.Now = Ten.AddMinutes(1);
        await Clock("0 * * * * *", over: both).FireDueAsync(client, default);
        time.Now = Ten.AddMinutes(2); // a deployment without it
        await Clock("0 * * * * *").FireDueAsync(client, default);
        time.Now = Ten.AddMinutes(5); // and one with it again, after an outage

        await Clock("0 * * * * *", over: both).FireDueAsync(client, default);

        Assert.Equal(["10:01:00", "10:05:00"], Fired("again"));
        Assert.Equal(["10:01:00", "10:02:00", "10:03:00", "10:04:00", "10:05:00"], Fired("every-minute"));
    }

    [Fact]
    public async Task Manifests_without_sources_forget_them_so_that_one_declared_again_starts_afresh()
    {
        await KeepAsync(Ten.AddMinutes(1));
        await using ServiceProvider none = Manifests.Provider(SourcesIntoSeq());
        time.Now = Ten.AddMinutes(2);
        await Clock("0 * * * * *", over: none).FireDueAsync(client, default); // the app's timer, with no source
        Assert.Null(await EndAsync("every-minute"));

        await KeepAsync(Ten.AddMinutes(2));
        await Clock("0 * * * * *", over: none).StartAsync(default); // fseq started with no source
        Assert.Null(await EndAsync("every-minute"));

        time.Now = Ten.AddMinutes(5);
        await Clock("0 * * * * *").FireDueAsync(client, default);
        Assert.Equal(["10:05:00"], Fired());
    }

    [Fact]
    public async Task A_wake_at_a_sources_own_tick_fires_it_though_a_timers_wake_is_near()
    {
        await using ServiceProvider provider = Manifests.Provider(SourcesIntoSeq(("at-second-one", "1 * * * * *")));
        SourceClock clock = Clock("0 * * * * *", over: provider);
        await KeepAsync(Ten.AddSeconds(30), provider);
        time.Now = Ten.AddMinutes(1).AddSeconds(1).AddMilliseconds(5);

        Assert.Equal(0, await clock.FireDueAsync(client, default)); // a timer's wake: due at 10:01:00, the minute it is near
        Assert.Equal(1, await clock.FireDueAsync(client, Ten.AddMinutes(1).AddSeconds(1), default)); // fseq's, at the tick
        Assert.Equal(["10:01:01"], Fired());
    }

    [Fact]
    public async Task A_sink_slow_to_take_its_tick_holds_up_no_other_source()
    {
        var log = new LogLines();
        await using ServiceProvider both = Manifests.Provider(SourcesIntoSeq(("first", "* * * * *"), ("second", "* * * * *")), s => s.AddSingleton<ILoggerProvider>(log));
        SourceClock clock = Clock("0 * * * * *", over: both);
        await KeepAsync(Ten, both);
        time.Now = Ten.AddMinutes(1);
        client.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // no start gets an answer: each source's firing logs before it sends

        Task firing = clock.FireDueAsync(client, default);
        bool SecondFired()
        {
            lock (log.Lines)
            {
                return log.Lines.Any(l => l.StartsWith("PingSource second fired event", StringComparison.Ordinal));
            }
        }

        for (int i = 0; i < 200 && !SecondFired(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(SecondFired());
        client.Hold.SetResult();
        await firing;
        Assert.Equal(["10:01:00", "10:01:00"], Fired());
    }

    [Fact]
    public async Task A_wake_gives_up_what_it_has_not_sent_within_its_budget_and_moves_on()
    {
        // The Functions app's budget stops short of functionTimeout: a call the host cut off would leave the cursor behind.
        var log = new LogLines();
        await using ServiceProvider provider = Manifests.Provider(Yaml, s => s.AddSingleton<ILoggerProvider>(log));
        SourceClock clock = Clock("0 * * * * *", over: provider, budget: TimeSpan.FromMilliseconds(300));
        await KeepAsync(Ten);
        time.Now = Ten.AddMinutes(1);
        client.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // the sink never answers

        Assert.Equal(1, await clock.FireDueAsync(client, default).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(Ten.AddMinutes(1), await EndAsync("every-minute")); // the next wake does not send it again
        Assert.Equal(1, client.ScheduleCalls);
        lock (log.Lines)
        {
            Assert.Equal([1604], log.Entries.Where(e => e.EventId is 1602 or 1604).Select(e => e.EventId));
        }
    }

    [Fact]
    public void A_wake_is_due_at_its_own_occurrence_when_the_timer_is_near_it_else_at_the_clock()
    {
        SourceClock clock = Clock("0 * * * * *");

        Assert.Equal(Ten, clock.DueTime(Ten.AddMilliseconds(-300)));
        Assert.Equal(Ten, clock.DueTime(Ten.AddSeconds(1)));
        Assert.Equal(Ten.AddSeconds(30), clock.DueTime(Ten.AddSeconds(30)));
    }
}
