using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.History;
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

    [Theory]
    [InlineData(100, true)] // fails to stop
    [InlineData(-1, false)] // never stops, as the storage backend waits 10 minutes for storage out of reach
    public async Task A_stop_that_fails_or_outlasts_its_bound_is_left_and_no_stop_throws(int stopTakesMs, bool fail)
    {
        IOrchestrationService inner = StopCounter.Create(TimeSpan.FromMilliseconds(stopTakesMs), fail);
        var service = new SidecarOrchestrationService(inner, 10, 10) { StopBound = TimeSpan.FromMilliseconds(500) };

        Task first = service.StopAsync(); // the sidecar's, from a fire-and-forget handler: throwing there ends the process
        Task second = service.StopAsync(isForced: true);

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, ((StopCounter)(object)inner).Stops);
    }

    [Fact]
    public async Task Drops_a_second_start_and_the_messages_of_another_execution_as_the_Functions_host_does()
    {
        var run = new OrchestrationInstance { InstanceId = "run", ExecutionId = "now" };
        var history = new OrchestrationRuntimeState([new ExecutionStartedEvent(-1, "in") { OrchestrationInstance = run, Name = "Flow" }]);
        TaskMessage answer = Message(new TaskCompletedEvent(-1, 0, "out"), "now");
        TaskMessage[] batch =
        [
            Message(new ExecutionStartedEvent(-1, "in") { OrchestrationInstance = run, Name = "Flow" }, "now"),
            answer,
            Message(new TaskCompletedEvent(-1, 0, "stale"), "before"),
        ];
        var service = new SidecarOrchestrationService(OneWorkItem.Create(new TaskOrchestrationWorkItem { InstanceId = "run", OrchestrationRuntimeState = history, NewMessages = [.. batch] }), 10, 10);

        TaskOrchestrationWorkItem workItem = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.Zero, default);

        Assert.Equal([answer], workItem.NewMessages);
    }

    [Fact]
    public async Task Keeps_a_new_run_s_first_start_and_what_comes_with_it()
    {
        var run = new OrchestrationInstance { InstanceId = "run", ExecutionId = "first" };
        TaskMessage start = Message(new ExecutionStartedEvent(-1, "in") { OrchestrationInstance = run, Name = "Flow" }, "first");
        TaskMessage raised = Message(new EventRaisedEvent(-1, "x") { Name = "e" }, "first");
        TaskMessage unnamed = Message(new EventRaisedEvent(-1, "y") { Name = "e" }, null);
        TaskMessage[] batch = [start, raised, Message(new ExecutionStartedEvent(-1, "in") { OrchestrationInstance = run, Name = "Flow" }, "first"), unnamed];
        var service = new SidecarOrchestrationService(OneWorkItem.Create(new TaskOrchestrationWorkItem { InstanceId = "run", OrchestrationRuntimeState = new OrchestrationRuntimeState(), NewMessages = [.. batch] }), 10, 10);

        TaskOrchestrationWorkItem workItem = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.Zero, default);

        Assert.Equal([start, raised, unnamed], workItem.NewMessages);
    }

    private static TaskMessage Message(HistoryEvent e, string? execution) =>
        new() { Event = e, OrchestrationInstance = new OrchestrationInstance { InstanceId = "run", ExecutionId = execution } };

    /// <summary>An orchestration service that hands out one orchestration work item.</summary>
    public class OneWorkItem : DispatchProxy
    {
        private TaskOrchestrationWorkItem? workItem;

        public static IOrchestrationService Create(TaskOrchestrationWorkItem workItem)
        {
            IOrchestrationService proxy = Create<IOrchestrationService, OneWorkItem>();
            ((OneWorkItem)(object)proxy).workItem = workItem;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync)
                ? Task.FromResult(workItem)
                : throw new NotSupportedException(targetMethod?.Name);
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
