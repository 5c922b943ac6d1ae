using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Sources;
using FunctionsSequence.Functions.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Functions.Tests;

/// <summary>The timer fires every source tick since its last recorded run: none lost across a restart, none twice.</summary>
public sealed class SourceTimerFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task After_an_outage_the_missed_ticks_fire_once_each()
    {
        // Scenario 4's CronJobSource ticks every minute; the app was down from 10:01 to 10:04.
        var now = new DateTimeOffset(2031, 5, 17, 10, 4, 0, 200, TimeSpan.Zero);
        var timer = new TimerInfo { IsPastDue = true, ScheduleStatus = new ScheduleStatus { Last = new DateTime(2031, 5, 17, 10, 1, 0, DateTimeKind.Utc) } };
        var function = new SourceTimerFunction(app.Services.GetRequiredService<ManifestSet>(), app.Services.GetRequiredService<SourceFirer>(), new FixedTime(now));

        await function.RunAsync(timer, app.Client, default);

        PingSourceResource source = app.Services.GetRequiredService<ManifestSet>().Sources[0];
        foreach (int minute in new[] { 2, 3, 4 })
        {
            string id = PingSourceEvents.Create(source, new DateTimeOffset(2031, 5, 17, 10, minute, 0, TimeSpan.Zero)).Id!;
            string block = await app.Display.WaitForAsync($"id: {id}");
            Assert.Contains($"time: 2031-05-17T10:0{minute}:00.000Z", block, StringComparison.Ordinal);
        }

        string before = PingSourceEvents.Create(source, new DateTimeOffset(2031, 5, 17, 10, 1, 0, TimeSpan.Zero)).Id!;
        Assert.DoesNotContain(app.Display.Blocks, b => b.Contains(before, StringComparison.Ordinal));
    }
}
