using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Hosting;

/// <summary>Registers what a host guarantees, the same way in both hosts: dedup, display once, dead letters, back-pressure, purging and the source clock.</summary>
public static class GuaranteeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admission and display ledgers and the dead-letter store (in <see cref="GuaranteeOptions.Tables"/>,
    /// else in memory), the runs in flight and the ingress throttle over them (and, when runs may end unseen, the <see cref="RunEndPoller"/> that reads their status), and the purger of
    /// finished runs and expired ledger keys, and the source clock with its cursor (beside the task hub, else in memory). Call it before <see cref="ServiceCollectionExtensions.AddFunctionsSequence"/>,
    /// whose in-memory defaults these replace; a registration of the same service after it wins (a test's display ledger).
    /// </summary>
    /// <returns>The runs in flight, which a host's orchestrations report their end to.</returns>
    public static InFlightRuns AddGuarantees(this IServiceCollection services, GuaranteeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeProvider time = options.Time;
        if (options.Tables is { } tables)
        {
            services.AddSingleton<IAdmissionLedger>(new TableAdmissionLedger(tables, options.TaskHub, options.DedupWindow, time));
            services.AddSingleton<IDisplayLedger>(new TableDisplayLedger(tables, options.TaskHub, options.DedupWindow, time));
            services.AddSingleton<IDeadLetterStore>(new TableDeadLetterStore(tables, options.TaskHub));
        }
        else
        {
            services.AddSingleton<IAdmissionLedger>(new InMemoryAdmissionLedger(options.DedupWindow, time));
            services.AddSingleton<IDisplayLedger>(new InMemoryDisplayLedger());
            services.AddSingleton<IDeadLetterStore>(new InMemoryDeadLetterStore());
        }

        NewestRunStarts? newest = options.KeepAtMostRuns is int most ? new NewestRunStarts(most) : null;
        var inFlight = new InFlightRuns(options.Batching, options.ForgetRunsAfter, time, newest);
        services.AddSingleton(options.Batching);
        services.AddSingleton(inFlight);
        services.AddSingleton<IIngressThrottle>(sp => new InFlightThrottle(inFlight, sp.GetRequiredService<RunBatcher>(), options.MaxInFlight));
        if (options.ForgetRunsAfter is not null)
        {
            // Runs may end on another instance: their status is read, so they stop counting here soon after.
            services.AddSingleton(sp => new RunEndPoller(inFlight, sp.GetRequiredService<ILogger<RunEndPoller>>(), time));
            services.AddHostedService(sp => sp.GetRequiredService<RunEndPoller>());
        }

        // Each tick fires once, and those missed while the app was down fire after it: the cursor beside the task hub.
        services.AddSingleton<ISourceCursor>(options.Tables is { } cursorTables ? new TableSourceCursor(cursorTables, options.TaskHub) : new InMemorySourceCursor());
        services.AddSingleton(sp => new SourceClock(
            sp.GetRequiredService<ManifestSet>(), sp.GetRequiredService<SourceFirer>(), sp.GetRequiredService<ISourceCursor>(), options.SourceWakes, time, options.SourceWakeBudget));
        services.AddSingleton(sp => new InstancePurger(
            options.KeepRuns,
            sp.GetRequiredService<IAdmissionLedger>(),
            sp.GetRequiredService<IDisplayLedger>(),
            time,
            sp.GetRequiredService<ILogger<InstancePurger>>(),
            newest));
        return inFlight;
    }
}
