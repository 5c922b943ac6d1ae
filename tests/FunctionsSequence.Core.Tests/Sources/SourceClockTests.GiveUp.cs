using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Sources;

/// <summary>A tick the clock gives up, as the Functions host would print it.</summary>
public sealed partial class SourceClockTests
{
    [Fact]
    public async Task A_tick_given_up_after_its_retries_is_logged_with_the_reason_in_words_not_an_exception_and_its_stack()
    {
        var log = new LogLines();
        var exceptions = new List<Exception?>();
        await using ServiceProvider provider = Manifests.Provider(Yaml, s => s.AddSingleton<ILoggerProvider>(log).AddSingleton<ILoggerProvider>(new LoggedExceptions(1602, exceptions)));
        SourceClock clock = Clock("0 * * * * *", over: provider);
        await KeepAsync(Ten);
        time.Now = Ten.AddMinutes(1);
        client.Failure = new InvalidOperationException("task hub out of reach");

        await clock.FireDueAsync(client, default).WaitAsync(TimeSpan.FromSeconds(30));

        lock (log.Lines)
        {
            string line = Assert.Single(log.Entries, e => e.EventId == 1602).Text;
            Assert.EndsWith("in 6 attempt(s); it is given up, as Knative's PingSource gives it up (task hub out of reach)", line, StringComparison.Ordinal);
        }

        Assert.Null(Assert.Single(exceptions));
    }

    [Fact]
    public async Task A_tick_refused_with_a_status_not_retried_is_given_up_after_the_one_attempt_it_made()
    {
        var log = new LogLines();
        await using ServiceProvider provider = Manifests.Provider(Yaml, s => s.AddSingleton<ILoggerProvider>(log));
        SourceClock clock = Clock("0 * * * * *", over: provider);
        await KeepAsync(Ten);
        time.Now = Ten.AddMinutes(1);
        client.Failure = new StepFailedException("Broker/default answered 400: bad event", 400);

        await clock.FireDueAsync(client, default).WaitAsync(TimeSpan.FromSeconds(30));

        lock (log.Lines)
        {
            Assert.DoesNotContain(log.Entries, e => e.EventId == 1603);
            string line = Assert.Single(log.Entries, e => e.EventId == 1602).Text;
            Assert.EndsWith("in 1 attempt(s); it is given up, as Knative's PingSource gives it up (Broker/default answered 400: bad event)", line, StringComparison.Ordinal);
        }
    }
}
