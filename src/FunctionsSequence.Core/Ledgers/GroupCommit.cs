namespace FunctionsSequence.Core.Ledgers;

/// <summary>
/// One storage call for many concurrent requests (group commit). A lone request goes at once, so
/// nothing waits for a timer; requests that arrive while a call is in flight wait for it and go
/// together in the next, up to <c>maxGroup</c>; a further call starts beside it only for a full
/// group, up to <c>maxCalls</c> at once. So a run's events, handed over together, cost a call for
/// the first and one per group for the rest, not a call each while slots are free.
/// </summary>
/// <param name="call">Does one call for a group; returns one result per item, in order.</param>
/// <param name="maxGroup">The most items one call takes.</param>
/// <param name="maxCalls">The most calls in flight at once.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> call, int maxGroup, int maxCalls)
{
    private readonly Lock sync = new();
    private readonly Queue<(TItem Item, TaskCompletionSource<TResult> Done)> pending = new();
    private int calls;

    /// <summary>Queues <paramref name="item"/> for the next call; completes with its result.</summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (sync)
        {
            pending.Enqueue((item, done));
            start = calls == 0 || (calls < maxCalls && pending.Count >= maxGroup);
            if (start)
            {
                calls++;
            }
        }

        if (start)
        {
            _ = DrainAsync();
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var group = new List<(TItem Item, TaskCompletionSource<TResult> Done)>();
            lock (sync)
            {
                while (group.Count < maxGroup && pending.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                if (group.Count == 0)
                {
                    calls--;
                    return;
                }
            }

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
        }
    }
}
