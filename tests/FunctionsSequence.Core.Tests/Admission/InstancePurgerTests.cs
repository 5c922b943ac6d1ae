using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Admission;

public sealed class InstancePurgerTests : IAsyncDisposable
{
    private readonly ManualTime time = new();
    private readonly FakeDurableClient client = new();

    public ValueTask DisposeAsync() => client.DisposeAsync();

    [Fact]
    public async Task Purges_only_runs_that_completed_before_the_retention_and_forgets_expired_claims_now_and_then()
    {
        var ledger = new InMemoryAdmissionLedger(TimeSpan.FromHours(1), time);
        await ledger.ClaimAsync(RunTarget.Sequence("s"), ["old"], "run", default);
        var purger = new InstancePurger(TimeSpan.FromHours(2), ledger, time, NullLogger<InstancePurger>.Instance);
        time.Now += TimeSpan.FromHours(1);

        Assert.Equal(3, await purger.PurgeAsync(client, default));

        PurgeInstancesFilter filter = Assert.Single(client.Purges);
        Assert.Equal([OrchestrationRuntimeStatus.Completed], filter.Statuses); // failed runs stay for inspection; running ones are never touched
        Assert.Equal(time.Now - TimeSpan.FromHours(2), filter.CreatedTo);
        Assert.Null(await ledger.GetAsync(RunTarget.Sequence("s"), "old", default));

    }

    [Fact]
    public async Task Cleans_the_ledger_at_most_every_ten_minutes_while_purging_runs_on_every_call()
    {
        var ledger = new CountingLedger(new InMemoryAdmissionLedger(TimeSpan.FromMinutes(1), time));
        var purger = new InstancePurger(TimeSpan.FromHours(2), ledger, time, NullLogger<InstancePurger>.Instance);

        await purger.PurgeAsync(client, default);
        time.Now += TimeSpan.FromMinutes(5);
        await purger.PurgeAsync(client, default);
        time.Now += InstancePurger.LedgerEvery;
        await purger.PurgeAsync(client, default);

        Assert.Equal(3, client.Purges.Count);
        Assert.Equal(2, ledger.Cleanups);
    }

    /// <summary>Counts the cleanups asked of a ledger.</summary>
    private sealed class CountingLedger(IAdmissionLedger inner) : IAdmissionLedger
    {
        public int Cleanups { get; private set; }

        public TimeSpan Retention => inner.Retention;

        public Task<IReadOnlyList<AdmissionClaim?>> ClaimAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
            inner.ClaimAsync(target, members, runId, cancellationToken);

        public Task<AdmissionClaim?> GetAsync(RunTarget target, string member, CancellationToken cancellationToken) => inner.GetAsync(target, member, cancellationToken);

        public Task<bool> ReplaceAsync(RunTarget target, AdmissionClaim claim, string runId, CancellationToken cancellationToken) =>
            inner.ReplaceAsync(target, claim, runId, cancellationToken);

        public Task ConfirmAsync(RunTarget target, IReadOnlyList<string> members, string runId, CancellationToken cancellationToken) =>
            inner.ConfirmAsync(target, members, runId, cancellationToken);

        public Task ReleaseAsync(RunTarget target, IReadOnlyList<string> members, CancellationToken cancellationToken) =>
            inner.ReleaseAsync(target, members, cancellationToken);

        public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
        {
            Cleanups++;
            return inner.ForgetExpiredAsync(cancellationToken);
        }
    }
}
