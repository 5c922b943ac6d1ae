using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>
/// The same event (same target, source and id) is run once within the retention window: on any
/// instance sharing the ledger, after a restart, whether it ran alone or in a shared run; and an
/// admission that died half-way is taken over rather than lost.
/// </summary>
public sealed partial class RunAdmissionTests : IAsyncDisposable
{
    private static readonly RunTarget Target = RunTarget.Sequence("seq");
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly ManualTime time = new();
    private readonly FakeDurableClient client = new();
    private readonly InMemoryAdmissionLedger ledger;

    public RunAdmissionTests() => ledger = new InMemoryAdmissionLedger(Retention, time);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private static RunMember Member(string id) =>
        RunMember.Of(Target, new CloudEvent { Id = id, Source = new Uri("/test", UriKind.Relative), Type = "t" }, new RunEvent($$"""{"id":"{{id}}"}"""));

    /// <summary>An admission as one instance of the app has it; several share the ledger and the engine.</summary>
    private RunAdmission Instance(IAdmissionLedger? itsLedger = null) =>
        new(itsLedger ?? ledger, new OrchestrationStarter(NullFlowObserver.Instance, NullLogger<OrchestrationStarter>.Instance), new ManifestSet([], [], [], [], [], []), time, NullLogger<RunAdmission>.Instance);

    [Fact]
    public async Task An_event_sent_again_after_its_run_to_another_instance_is_not_run_again()
    {
        AdmissionResult first = await Instance().StartAsync(client, Target, [Member("a")], null, default);
        time.Now += TimeSpan.FromHours(23);

        AdmissionResult again = await Instance().StartAsync(client, Target, [Member("a")], null, default);

        Assert.Equal(Member("a").Id, first.Started);
        Assert.Null(again.Started);
        Assert.Equal([Member("a").Id], again.RunOf);
        Assert.Single(client.Scheduled);
    }

    [Fact]
    public async Task An_event_that_ran_in_a_shared_run_is_recognised_when_it_comes_alone()
    {
        RunMember[] shared = [Member("a"), Member("b"), Member("c")];
        AdmissionResult run = await Instance().StartAsync(client, Target, shared, null, default);

        AdmissionResult again = await Instance().StartAsync(client, Target, [Member("b")], null, default);

        Assert.Equal(InstanceIds.ForShared(Target, shared.Select(m => m.Id)), run.Started);
        Assert.Equal([run.Started!], again.RunOf);
        Assert.Single(client.Scheduled);
    }

    [Fact]
    public async Task A_duplicate_in_a_run_is_left_out_and_the_run_has_the_id_its_events_claims_name()
    {
        await Instance().StartAsync(client, Target, [Member("b")], null, default);

        AdmissionResult run = await Instance().StartAsync(client, Target, [Member("a"), Member("b"), Member("c")], null, default);

        // The id of the three as admitted: an unconfirmed claim must name a run that exists once it is scheduled.
        string expected = InstanceIds.ForShared(Target, [Member("a").Id, Member("b").Id, Member("c").Id]);
        Assert.Equal(expected, run.Started);
        Assert.Equal([expected, Member("b").Id, expected], run.RunOf);
        Assert.Equal([Member("a").Event, Member("c").Event], Assert.IsType<SequenceRun>(client.Scheduled[1].Input).Events);
        Assert.Equal(expected, (await ledger.GetAsync(Target, Member("a").Id, default))!.RunId); // the claims name the run as scheduled
    }

    [Fact]
    public async Task An_activity_that_runs_again_starts_nothing_again()
    {
        RunMember[] outputs = [Member("x"), Member("y")];
        AdmissionResult first = await Instance().StartAsync(client, Target, outputs, null, default);

        AdmissionResult replay = await Instance().StartAsync(client, Target, outputs, null, default);

        Assert.NotNull(first.Started);
        Assert.Null(replay.Started);
        Assert.Equal([first.Started!, first.Started!], replay.RunOf);
        Assert.Single(client.Scheduled);
    }

    [Fact]
    public async Task An_activity_that_runs_again_while_its_first_attempt_is_starting_starts_nothing_again()
    {
        // The first attempt's claims are written, its start not made yet: the second must not read them as a start of its
        // own to make again, as two starts of one instance at once are more than the in-memory engine can take.
        client.Hold = new TaskCompletionSource();
        RunAdmission instance = Instance();
        RunMember[] outputs = [Member("x"), Member("y")];

        Task<AdmissionResult> first = instance.StartAsync(client, Target, outputs, null, default);
        Task<AdmissionResult> second = instance.StartAsync(client, Target, outputs, null, default);
        await Task.Delay(300);
        client.Hold.SetResult();
        AdmissionResult[] results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, client.ScheduleCalls);
        Assert.Single(results, r => r.Started is not null);
        Assert.Single(client.Scheduled);
        Assert.Single(results, r => r.Started is not null);
    }

    [Fact]
    public async Task The_same_event_handed_over_by_two_hops_is_two_deliveries_and_by_one_hop_again_is_one()
    {
        var cloudEvent = new CloudEvent { Id = "e", Source = new Uri("/test", UriKind.Relative), Type = "t" };
        RunMember ViaHop(string via) => RunMember.Of(Target, cloudEvent, new RunEvent("""{"id":"e"}"""), via);

        await Instance().StartAsync(client, Target, [ViaHop("Trigger by-type")], null, default);
        await Instance().StartAsync(client, Target, [ViaHop("Trigger by-source")], null, default);
        await Instance().StartAsync(client, Target, [ViaHop("Trigger by-type")], null, default);

        Assert.Equal(2, client.Scheduled.Count);
        Assert.NotEqual(ViaHop("Trigger by-type").Id, ViaHop("Trigger by-source").Id);
        Assert.NotEqual(Member("e").Id, ViaHop("Trigger by-type").Id);
    }

    [Fact]
    public async Task An_admission_that_died_before_scheduling_is_taken_over_after_the_grace_period()
    {
        await ledger.ClaimAsync(Target, [Member("a").Id], "seqb:seq:never-scheduled", default); // claimed, then the process died
        time.Now += TimeSpan.FromMinutes(1);

        AdmissionResult result = await Instance().StartAsync(client, Target, [Member("a")], null, default);

        Assert.Equal(Member("a").Id, result.Started);
        Assert.True((await ledger.GetAsync(Target, Member("a").Id, default))!.Scheduled);
    }

    [Fact]
    public async Task A_run_scheduled_whose_confirmation_was_lost_is_not_started_again()
    {
        // The same start again (an activity's rerun): its run exists, possibly finished, which the engine may overwrite.
        await ledger.ClaimAsync(Target, [Member("a").Id], Member("a").Id, default);
        await client.ScheduleNewOrchestrationInstanceAsync(TaskNames.SequenceOrchestrator, null, new Microsoft.DurableTask.StartOrchestrationOptions(Member("a").Id));

        AdmissionResult rerun = await Instance().StartAsync(client, Target, [Member("a")], null, default);

        Assert.Null(rerun.Started);
        Assert.Single(client.Scheduled);
        Assert.True((await ledger.GetAsync(Target, Member("a").Id, default))!.Scheduled);
    }

    [Fact]
    public async Task A_run_scheduled_whose_claims_cannot_be_confirmed_counts_as_started_and_its_events_are_not_run_again()
    {
        AdmissionResult first = await Instance(new UnconfirmedLedger(ledger)).StartAsync(client, Target, [Member("a")], null, default);
        time.Now += TimeSpan.FromMinutes(1); // past the grace period of its unconfirmed claim

        AdmissionResult later = await Instance().StartAsync(client, Target, [Member("b"), Member("a")], null, default);

        string shared = InstanceIds.ForShared(Target, [Member("b").Id, Member("a").Id]);
        Assert.Equal(Member("a").Id, first.Started);
        Assert.Equal([shared, Member("a").Id], later.RunOf);
        Assert.Equal([Member("a").Id, shared], client.Scheduled.Select(s => s.Id));
    }

    [Fact]
    public async Task A_partly_duplicate_run_whose_claims_cannot_be_confirmed_is_still_recognised()
    {
        await Instance().StartAsync(client, Target, [Member("a")], null, default);
        AdmissionResult first = await Instance(new UnconfirmedLedger(ledger)).StartAsync(client, Target, [Member("a"), Member("b")], null, default);
        time.Now += TimeSpan.FromMinutes(1); // past the grace period of b's unconfirmed claim

        AdmissionResult again = await Instance().StartAsync(client, Target, [Member("b"), Member("c")], null, default);

        string rest = InstanceIds.ForShared(Target, [Member("a").Id, Member("b").Id]);
        string onlyC = InstanceIds.ForShared(Target, [Member("b").Id, Member("c").Id]);
        Assert.Equal(rest, first.Started);
        Assert.Equal([rest, onlyC], again.RunOf);
        Assert.Equal([Member("a").Id, rest, onlyC], client.Scheduled.Select(s => s.Id));
        Assert.Equal([Member("c").Event], Assert.IsType<SequenceRun>(client.Scheduled[2].Input).Events);
    }

    [Fact]
    public async Task An_admission_under_way_elsewhere_is_waited_for_not_doubled()
    {
        await ledger.ClaimAsync(Target, [Member("a").Id], "seqb:seq:elsewhere", default);
        Task<AdmissionResult> meanwhile = Instance().StartAsync(client, Target, [Member("a")], null, default);
        await Task.Delay(400);
        Assert.False(meanwhile.IsCompleted);

        await ledger.ConfirmAsync(Target, [Member("a").Id], "seqb:seq:elsewhere", default);
        AdmissionResult result = await meanwhile.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(result.Started);
        Assert.Equal(["seqb:seq:elsewhere"], result.RunOf);
        Assert.Empty(client.Scheduled);
    }

    [Fact]
    public async Task After_the_retention_window_the_same_event_runs_again()
    {
        await Instance().StartAsync(client, Target, [Member("a")], null, default);
        time.Now += Retention;
        client.Forget(Member("a").Id); // purged meanwhile

        AdmissionResult later = await Instance().StartAsync(client, Target, [Member("a")], null, default);

        Assert.Equal(Member("a").Id, later.Started);
        Assert.Equal(2, client.Scheduled.Count);
    }

    [Fact]
    public async Task When_scheduling_fails_the_claims_are_released_so_the_event_can_be_sent_again()
    {
        client.Failure = new InvalidOperationException("storage down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Instance().StartAsync(client, Target, [Member("a")], null, default));
        Assert.Null(await ledger.GetAsync(Target, Member("a").Id, default));

        client.Failure = null;
        Assert.Equal(Member("a").Id, (await Instance().StartAsync(client, Target, [Member("a")], null, default)).Started);
    }
}
