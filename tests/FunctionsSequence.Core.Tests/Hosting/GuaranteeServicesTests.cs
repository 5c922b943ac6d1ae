using Azure.Data.Tables;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FunctionsSequence.Core.Tests.Hosting;

/// <summary>What both hosts register through <see cref="GuaranteeServiceCollectionExtensions.AddGuarantees"/>.</summary>
public sealed class GuaranteeServicesTests
{
    private const string Yaml = """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: seq
        spec:
          steps:
            - uri: http://127.0.0.1:1/
        """;

    [Fact]
    public async Task With_tables_the_ledgers_and_dead_letters_are_kept_in_them_and_the_bounds_are_the_hosts()
    {
        var time = new ManualTime();
        await using ServiceProvider services = Build(new GuaranteeOptions
        {
            Tables = new TableServiceClient("UseDevelopmentStorage=true"),
            TaskHub = "hub",
            KeepRuns = TimeSpan.FromHours(30),
            MaxInFlight = 7,
            ForgetRunsAfter = TimeSpan.FromMinutes(1),
            Time = time,
        }, out InFlightRuns inFlight);

        Assert.IsType<TableAdmissionLedger>(services.GetRequiredService<IAdmissionLedger>());
        Assert.IsType<TableDisplayLedger>(services.GetRequiredService<IDisplayLedger>());
        Assert.IsType<TableDeadLetterStore>(services.GetRequiredService<IDeadLetterStore>());
        Assert.Same(inFlight, services.GetRequiredService<InFlightRuns>());
        Assert.Same(inFlight, services.GetRequiredService<IFlowObserver>());
        Assert.Equal(TimeSpan.FromHours(30), services.GetRequiredService<InstancePurger>().KeepFor);
        Assert.Equal(7, Assert.IsType<InFlightThrottle>(Assert.Single(services.GetServices<IIngressThrottle>())).MaxEvents);

        // Runs may end unseen: their status is read in the background.
        Assert.Contains(services.GetRequiredService<RunEndPoller>(), services.GetServices<IHostedService>());

        // A run whose end this instance does not see stops counting after ForgetRunsAfter, by the given clock.
        inFlight.Started("run-elsewhere", 1, slotOf: null);
        time.Now += TimeSpan.FromSeconds(59);
        Assert.Equal(1, inFlight.Runs);
        time.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(0, inFlight.Runs);
    }

    [Fact]
    public async Task Without_tables_they_are_kept_in_memory_with_the_dedup_window()
    {
        await using ServiceProvider services = Build(new GuaranteeOptions
        {
            TaskHub = "hub",
            DedupWindow = TimeSpan.FromHours(2),
            KeepRuns = TimeSpan.FromHours(1),
            KeepAtMostRuns = 10,
            MaxInFlight = 7,
        }, out _);

        Assert.Equal(10, services.GetRequiredService<InstancePurger>().KeepAtMost);
        Assert.Null(services.GetService<RunEndPoller>()); // every end is seen here
        var ledger = Assert.IsType<InMemoryAdmissionLedger>(services.GetRequiredService<IAdmissionLedger>());
        Assert.Equal(TimeSpan.FromHours(2), ledger.Retention);
        Assert.IsType<InMemoryDisplayLedger>(services.GetRequiredService<IDisplayLedger>());
        Assert.IsType<InMemoryDeadLetterStore>(services.GetRequiredService<IDeadLetterStore>());
    }

    [Fact]
    public async Task Keeping_at_most_a_number_counts_the_runs_this_process_started()
    {
        var time = new ManualTime();
        await using ServiceProvider services = Build(new GuaranteeOptions { TaskHub = "hub", KeepRuns = TimeSpan.FromHours(1), KeepAtMostRuns = 2, MaxInFlight = 7, Time = time }, out InFlightRuns inFlight);
        await using var client = new FakeDurableClient();
        DateTimeOffset first = time.Now;
        foreach (string run in new[] { "a", "b", "c" })
        {
            inFlight.Started(run, 1, slotOf: null);
            time.Now += TimeSpan.FromSeconds(1);
        }

        await services.GetRequiredService<InstancePurger>().PurgeAsync(client, default);

        Assert.Equal(first, Assert.Single(client.Purges).CreatedTo); // "a", the newest beyond the 2 newest, and those before it
    }

    private static ServiceProvider Build(GuaranteeOptions options, out InFlightRuns inFlight)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        inFlight = collection.AddGuarantees(options);
        collection.AddFunctionsSequence(Manifests.Load(Yaml).EnsureValid());
        return collection.BuildServiceProvider();
    }
}
