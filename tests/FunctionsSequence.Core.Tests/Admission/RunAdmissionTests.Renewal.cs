using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>Claims renewed when they aged while an admission waited for another's: none goes into two runs, none is lost.</summary>
public sealed partial class RunAdmissionTests
{
    [Fact]
    public async Task Claims_that_aged_past_their_grace_while_waiting_are_renewed_and_one_taken_over_meanwhile_is_left_to_its_taker()
    {
        RunMember x = Member("x"), y = Member("y");
        string proposed = OrchestrationStarter.RunId(Target, [x, y]);
        await ledger.ClaimAsync(Target, [y.Id], proposed, default); // this admission's earlier attempt claimed y
        time.Now += TimeSpan.FromSeconds(20);
        await ledger.ClaimAsync(Target, [x.Id], "seqb:seq:elsewhere", default); // another admission claimed x, then died

        Task<AdmissionResult> waiting = Instance().StartAsync(client, Target, [x, y], null, default); // waits for x's claim
        time.Now += TimeSpan.FromSeconds(15); // y's claim is past its grace, x's not yet
        AdmissionResult taker = await Instance().StartAsync(client, Target, [y], null, default).WaitAsync(TimeSpan.FromSeconds(10));
        time.Now += TimeSpan.FromSeconds(20); // x's grace ends too
        AdmissionResult result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(y.Id, taker.Started);
        Assert.Equal([proposed, y.Id], result.RunOf);
        Assert.Equal(2, client.Scheduled.Count); // y ran once, in the run that took it over
    }

    [Fact]
    public async Task Two_admissions_of_the_same_run_renewing_together_lose_no_event()
    {
        RunMember a = Member("a"), b = Member("b");
        string proposed = OrchestrationStarter.RunId(Target, [a, b]);
        await ledger.ClaimAsync(Target, [a.Id, b.Id], proposed, default); // an earlier attempt claimed both, then died
        time.Now += TimeSpan.FromSeconds(20);

        await Instance(new RacingLedger(ledger, a.Id)).StartAsync(client, Target, [a, b], null, default);
        await Instance().StartAsync(client, Target, [a, b], null, default);

        (string _, object? input, string _) = Assert.Single(client.Scheduled);
        Assert.Equal([a.Event, b.Event], Assert.IsType<SequenceRun>(input).Events);
    }

    /// <summary>A ledger on which another admission of the very same run renews <paramref name="racedMember"/>'s claim just before this one does.</summary>
    private sealed class RacingLedger(InMemoryAdmissionLedger inner, string racedMember) : IAdmissionLedger
    {
        private bool raced;

        public TimeSpan Retention => inner.Retention;

        public Task<IReadOnlyList<AdmissionClaim?>> ClaimAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
            inner.ClaimAsync(target, members, runId, cancellationToken);

        public Task<AdmissionClaim?> GetAsync(RunTarget target, string member, CancellationToken cancellationToken) =>
            inner.GetAsync(target, member, cancellationToken);

        public async Task<bool> ReplaceAsync(RunTarget target, AdmissionClaim claim, string runId, CancellationToken cancellationToken)
        {
            if (!raced && claim.Member == racedMember)
            {
                raced = true;
                await inner.ReplaceAsync(target, claim, claim.RunId, cancellationToken);
            }

            return await inner.ReplaceAsync(target, claim, runId, cancellationToken);
        }

        public Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
            inner.ConfirmAsync(target, members, runId, cancellationToken);

        public Task ReleaseAsync(RunTarget target, IReadOnlyList<string> members, CancellationToken cancellationToken) =>
            inner.ReleaseAsync(target, members, cancellationToken);

        public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken) => inner.ForgetExpiredAsync(cancellationToken);
    }
}
