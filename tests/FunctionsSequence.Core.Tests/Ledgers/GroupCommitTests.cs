using System.Collections.Concurrent;
using FunctionsSequence.Core.Ledgers;

namespace FunctionsSequence.Core.Tests.Ledgers;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_lone_request_goes_at_once_as_a_call_of_its_own()
    {
        var calls = new ConcurrentQueue<IReadOnlyList<int>>();
        var commit = new GroupCommit<int, string>(items => { calls.Enqueue(items); return Task.FromResult<IReadOnlyList<string>>([.. items.Select(i => $"r{i}")]); }, maxGroup: 10, maxCalls: 1);

        Assert.Equal("r7", await One(commit, 7, default));
        Assert.Equal([7], Assert.Single(calls));
    }

    [Fact]
    public async Task Requests_arriving_while_a_call_is_busy_go_together_in_groups_no_larger_than_the_limit_each_getting_its_own_result()
    {
        var calls = new ConcurrentQueue<IReadOnlyList<int>>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        GroupCommit<int, int> commit = HeldCommit(calls, release, maxGroup: 4, maxCalls: 1);

        Task<int> first = One(commit, 0, default); // takes the only call slot
        Task<int>[] rest = [.. Enumerable.Range(1, 9).Select(i => One(commit, i, default))];
        release.SetResult();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => i * 10), await Task.WhenAll(rest));
        Assert.Equal([[0], [1, 2, 3, 4], [5, 6, 7, 8], [9]], calls.Select(c => c.ToArray()));
    }

    [Fact]
    public async Task Items_handed_over_together_go_out_together_beside_the_calls_in_flight_up_to_the_limit()
    {
        var calls = new ConcurrentQueue<IReadOnlyList<int>>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        GroupCommit<int, int> commit = HeldCommit(calls, release, maxGroup: 4, maxCalls: 3);

        // 0 takes a slot; of the ten handed over together, two full groups take the other two slots and 9, 10 wait.
        Task<int> first = One(commit, 0, default);
        Task<IReadOnlyList<int>> together = commit.SubmitAsync([.. Enumerable.Range(1, 10)], default);
        Assert.Equal([[0], [1, 2, 3, 4], [5, 6, 7, 8]], calls.Select(c => c.ToArray()));
        release.SetResult();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 10), await together);
        Assert.Equal([9, 10], calls.Last());
        Assert.Equal(4, calls.Count);
    }

    [Fact]
    public async Task No_more_calls_than_allowed_are_in_flight()
    {
        int inFlight = 0, most = 0;
        var commit = new GroupCommit<int, bool>(
            async items =>
            {
                int now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref inFlight);
                return [.. items.Select(_ => true)];
            },
            maxGroup: 2,
            maxCalls: 3);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => One(commit, i, default)));

        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task A_failed_call_fails_only_its_own_group_and_later_requests_go_through()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int, int>(
            async items =>
            {
                await release.Task;
                return items.Contains(2) ? throw new InvalidOperationException("storage said no") : [.. items];
            },
            maxGroup: 2,
            maxCalls: 1);

        Task<int> first = One(commit, 0, default);
        Task<int> second = One(commit, 1, default);
        Task<int> third = One(commit, 2, default); // grouped with 1
        release.SetResult();

        Assert.Equal(0, await first);
        Assert.Equal("storage said no", (await Assert.ThrowsAsync<InvalidOperationException>(() => second)).Message);
        Assert.Equal("storage said no", (await Assert.ThrowsAsync<InvalidOperationException>(() => third)).Message);
        Assert.Equal(5, await One(commit, 5, default));
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_cancelled_without_harming_the_others()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int, int>(async items => { await release.Task; return [.. items]; }, maxGroup: 10, maxCalls: 1);
        using var giveUp = new CancellationTokenSource();

        Task<int> patient = One(commit, 1, default);
        Task<int> impatient = One(commit, 2, giveUp.Token);
        await giveUp.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal(1, await patient);
    }

    /// <summary>A group commit whose calls note their items and answer each item times ten once <paramref name="release"/> is set.</summary>
    private static GroupCommit<int, int> HeldCommit(ConcurrentQueue<IReadOnlyList<int>> calls, TaskCompletionSource release, int maxGroup, int maxCalls) => new(
        async items =>
        {
            calls.Enqueue(items);
            await release.Task;
            return [.. items.Select(i => i * 10)];
        },
        maxGroup,
        maxCalls);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>One item handed over alone; its result.</summary>
    private static async Task<TResult> One<TResult>(GroupCommit<int, TResult> commit, int item, CancellationToken cancellationToken) =>
        (await commit.SubmitAsync([item], cancellationToken))[0];
}
