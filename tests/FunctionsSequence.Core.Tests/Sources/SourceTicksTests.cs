using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;

namespace FunctionsSequence.Core.Tests.Sources;

public sealed class SourceTicksTests
{
    private static PingSourceResource Source(string name, string schedule) => new(
        ResourceMetadata.Named(name), ResourceKind.PingSource, schedule, null, null, null, Destination.To("Service", "event-display"), new Dictionary<string, string>());

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Window_excludes_its_start_and_includes_its_end()
    {
        var due = SourceTicks.Due([Source("m", "* * * * *")], T0, T0.AddMinutes(2));

        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(2)], due.Select(d => d.Tick));
    }

    [Fact]
    public void Each_source_keeps_its_own_schedule_and_ticks_come_in_time_order()
    {
        var due = SourceTicks.Due([Source("every2", "*/2 * * * *"), Source("seconds", "30 * * * * *")], T0, T0.AddMinutes(2));

        Assert.Equal(
            [("seconds", T0.AddSeconds(30)), ("seconds", T0.AddSeconds(90)), ("every2", T0.AddMinutes(2))],
            due.Select(d => (d.Source.Name, d.Tick)));
        Assert.Equal(due.Select(d => d.Tick).Order(), due.Select(d => d.Tick));
    }

    [Fact]
    public void A_long_outage_catches_up_only_the_latest_ticks()
    {
        var due = SourceTicks.Due([Source("m", "* * * * *")], T0, T0.AddDays(1), maxPerSource: 5);

        Assert.Equal(5, due.Count);
        Assert.Equal(T0.AddDays(1), due[^1].Tick);
    }
}
