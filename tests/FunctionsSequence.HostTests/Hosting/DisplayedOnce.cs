namespace FunctionsSequence.HostTests.Hosting;

/// <summary>Waits for an event's display, then long enough for a second one to show up, and checks there is exactly one.</summary>
internal static class DisplayedOnce
{
    /// <summary>How long a duplicate gets to show up once the first display is there.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>Returns the block that displays the event with <paramref name="id"/>.</summary>
    public static async Task<string> AssertAsync(FunctionsHost host, string id, TimeSpan? timeout = null)
    {
        string block = await host.Log.WaitForDisplayAsync($"\n  id: {id}\n", timeout);
        await Task.Delay(Settle);
        int count = host.Log.Displayed(id);
        Assert.True(count == 1, $"event {id} displayed {count} times, expected once");
        return block;
    }
}
