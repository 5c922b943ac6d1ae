using System.Reflection;
using DurableTask.Core;
using FunctionsSequence.Cli.Engine;

namespace FunctionsSequence.IntegrationTests;

public sealed class SidecarOrchestrationServiceTests
{
    [Fact]
    public async Task Stops_the_service_once_however_often_and_from_wherever_it_is_stopped()
    {
        IOrchestrationService inner = StopCounter.Create(TimeSpan.FromMilliseconds(100));
        var service = new SidecarOrchestrationService(inner, 10, 10);

        // The engine's own stop and the sidecar's, at once and after.
        await Task.WhenAll(service.StopAsync(isForced: true), service.StopAsync(), Task.Run(service.StopAsync));
        await service.StopAsync();

        Assert.Equal(1, ((StopCounter)(object)inner).Stops);
    }

    [Fact]
    public async Task A_later_stop_waits_for_the_first_and_does_not_throw_its_error_again()
    {
        IOrchestrationService inner = StopCounter.Create(TimeSpan.FromMilliseconds(100), fail: true);
        var service = new SidecarOrchestrationService(inner, 10, 10);

        Task first = service.StopAsync(isForced: true);
        Task second = service.StopAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await second; // the sidecar's stop runs in a fire-and-forget handler: throwing there ends the process
        Assert.True(first.IsCompleted);
    }

    /// <summary>An orchestration service that only counts its stops, each taking a while.</summary>
    public class StopCounter : DispatchProxy
    {
        private TimeSpan stopTakes;
        private bool fail;
        private int stops;

        public int Stops => Volatile.Read(ref stops);

        public static IOrchestrationService Create(TimeSpan stopTakes, bool fail = false)
        {
            IOrchestrationService proxy = Create<IOrchestrationService, StopCounter>();
            var counter = (StopCounter)(object)proxy;
            (counter.stopTakes, counter.fail) = (stopTakes, fail);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IOrchestrationService.StopAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            Interlocked.Increment(ref stops);
            return StopAsync();
        }

        private async Task StopAsync()
        {
            await Task.Delay(stopTakes);
            if (fail)
            {
                throw new InvalidOperationException("the service failed to stop");
            }
        }
    }
}
