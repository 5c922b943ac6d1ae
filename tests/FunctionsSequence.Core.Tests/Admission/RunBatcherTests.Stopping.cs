using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Tests.Flows;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsSequence.Core.Tests.Admission;

/// <summary>
/// Once the host stops, the runs in flight stop with it and free no slot: what waits starts at once, beyond the bound
/// and without gathering, so that its requests are answered, not held until the host gives up on them.
/// </summary>
public sealed partial class RunBatcherTests
{
    [Fact]
    public async Task Events_waiting_for_a_slot_start_at_once_when_the_host_stops()
    {
        using var lifetime = new StoppingLifetime();
        var options = new BatchingOptions { MaxEvents = 100, MaxInFlight = 1, MaxWait = TimeSpan.FromSeconds(5) };
        var inFlight = new InFlightRuns(options);
        var admission = new RunAdmission(
            new InMemoryAdmissionLedger(TimeSpan.FromHours(24)), new OrchestrationStarter(inFlight, NullLogger<OrchestrationStarter>.Instance), NoManifests, TimeProvider.System, NullLogger<RunAdmission>.Instance);
        var batcher = new RunBatcher(inFlight, options, admission, NoManifests, NullLogger<RunBatcher>.Instance, lifetime: lifetime);
        await StartAloneAsync(batcher); // holds the one slot, and never ends
        Task<string>[] waiting = [batcher.AdmitAsync(client, Target, Member("b"), default), batcher.AdmitAsync(client, Target, Member("c"), default)];
        await Task.Delay(100);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        lifetime.Stop();

        string[] runs = await Task.WhenAll(waiting).WaitAsync(Soon);
        Assert.Equal(InstanceIds.ForShared(Target, [Member("b").Id, Member("c").Id]), Assert.Single(runs.Distinct()));
        Assert.Equal((2, 3), (inFlight.Runs, inFlight.Events));
    }
}
