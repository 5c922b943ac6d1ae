namespace FunctionsSequence.HostTests.Hosting;

/// <summary>Polls a condition until it holds or time runs out (the host works in the background).</summary>
internal static class Eventually
{
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> explain) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, explain);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> explain)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds:0} s: {explain()}");
            }

            await Task.Delay(100);
        }
    }
}
