namespace FunctionsSequence.Core.Ledgers;

/// <summary>
/// One storage call for many requests (group commit). Items handed over together are queued
/// together and go out in as few calls as <c>maxGroup</c> allows, at once while fewer than
/// <c>maxCalls</c> are in flight; items that arrive while every call slot is busy wait and go
/// together in the next call. A lone item with a free slot goes at once, so nothing waits for a
/// timer, and a slow call holds only its own group.
/// </summary>
/// <param name="call">Does one call for a group; returns one result per item, in order.</param>
/// <param name="maxGroup">The most items one call takes.</param>
/// <param name="maxCalls">The most calls in flight at once.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> call, int maxGroup, int maxCalls)
{
    private readonly Lock sync = new();
    private readonly Queue<(TItem Item, TaskCompletionSource<TResult> Done)> pending = new();
    private int calls;

    /// <summary>Queues <paramref name="items"/> together; completes with their results, in order.</summary>
    public async Task<IReadOnlyList<TResult>> SubmitAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var done = new TaskCompletionSource<TResult>[items.Count];
        var groups = new List<List<(TItem Item, TaskCompletionSource<TResult> Done)>>();
        lock (sync)
        {
            for (int i = 0; i < items.Count; i++)
            {
                done[i] = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                pending.Enqueue((items[i], done[i]));
            }

            // Groups are taken here, under the lock, so items queued together go out together.
            while (calls < maxCalls && pending.Count > 0)
            {
                calls++;
                groups.Add(TakeGroup());
            }
        }

        foreach (var group in groups)
        {
            _ = DrainAsync(group);
        }

        return await Task.WhenAll(done.Select(d => d.Task)).WaitAsync(cancellationToken);
    }

    /// <summary>Up to <c>maxGroup</c> pending items; call under the lock.</summary>
    private List<(TItem Item, TaskCompletionSource<TResult> Done)> TakeGroup()
    {
        var group = new List<(TItem Item, TaskCompletionSource<TResult> Done)>(Math.Min(maxGroup, pending.Count));
        while (group.Count < maxGroup && pending.TryDequeue(out var next))
        {
            group.Add(next);
        }

        return group;
    }

    /// <summary>Calls for <paramref name="group"/>, then for what waits meanwhile, until nothing does.</summary>
    private async Task DrainAsync(List<(TItem Item, TaskCompletionSource<TResult> Done)> group)
    {
        while (true)
        {
            try
            {
                IReadOnlyList<TResult> results = await call([.. group.Select(g => g.Item)]);
                if (results.Count != group.Count)
                {
                    throw new InvalidOperationException($"a group call returned {results.Count} results for {group.Count} items");
                }

                for (int i = 0; i < group.Count; i++)
                {
                    group[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                // The whole group failed: each caller gets the error (the activity fails and is retried).
                foreach ((_, TaskCompletionSource<TResult> done) in group)
                {
                    done.TrySetException(ex);
                }
            }

            lock (sync)
            {
                group = TakeGroup();
                if (group.Count == 0)
                {
                    calls--;
                    return;
                }
            }
        }
    }
}
