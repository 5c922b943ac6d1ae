using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>Back-pressure at ingress holds to its bound when requests arrive at once, before any of them is counted in a run.</summary>
public sealed class InFlightThrottleTests
{
    private static InFlightThrottle Throttle(int maxEvents)
    {
        var options = new BatchingOptions();
        var inFlight = new InFlightRuns(options);
        var manifests = new ManifestSet([], [], [], [], [], []);
        var admission = new RunAdmission(
            new InMemoryAdmissionLedger(TimeSpan.FromHours(24)), new OrchestrationStarter(inFlight, NullLogger<OrchestrationStarter>.Instance), manifests, TimeProvider.System, NullLogger<RunAdmission>.Instance);
        return new InFlightThrottle(inFlight, new RunBatcher(inFlight, options, admission, manifests, NullLogger<RunBatcher>.Instance), maxEvents);
    }

    [Fact]
    public async Task Requests_at_once_are_let_in_up_to_the_bound_and_no_further()
    {
        InFlightThrottle throttle = Throttle(maxEvents: 5);
        using var go = new ManualResetEventSlim();

        Task<TimeSpan?>[] checks = [.. Enumerable.Range(0, 30).Select(_ => Task.Run(() =>
        {
            go.Wait();
            return throttle.RetryAfter(1);
        }))];
        go.Set();
        TimeSpan?[] answers = await Task.WhenAll(checks);

        Assert.Equal(5, answers.Count(a => a is null));
    }

    [Fact]
    public void Events_that_have_entered_no_longer_count_as_entering()
    {
        InFlightThrottle throttle = Throttle(maxEvents: 2);

        Assert.Null(throttle.RetryAfter(2));
        Assert.NotNull(throttle.RetryAfter(1));
        throttle.Entered(2);

        Assert.Null(throttle.RetryAfter(1));
    }
}
