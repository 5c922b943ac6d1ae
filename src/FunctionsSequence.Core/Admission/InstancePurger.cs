using FunctionsSequence.Core.Display;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// Purges succeeded runs created more than <see cref="KeepFor"/> ago, in one call, so storage (or
/// the in-memory engine's memory) follows the work in flight rather than every event ever seen.
/// Runs go by creation time, as the backends' purge filters select them. Failed runs are kept for
/// inspection. The admission ledger's claims and the display ledger's keys past their retention go
/// on the same timer, at most every <see cref="LedgerEvery"/> (a table scan each). Hosts call it on a timer.
/// </summary>
/// <param name="keepFor">How long a finished run is kept.</param>
/// <param name="ledger">The admission ledger.</param>
/// <param name="displayLedger">The display ledger.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where failures go (the next call tries again): a storage request its own timeout cut short too, which the SDK throws as a cancellation.</param>
/// <param name="newest">
/// When set, only the succeeded runs among the <see cref="NewestRunStarts.Keep"/> most recently started are kept,
/// however young the rest: the in-memory engine holds every run in the process, so it keeps what inspection and
/// the dashboard read rather than what a load test sent. A run's start is recorded once the engine has created it,
/// so of runs scheduled at the same time a few more may go, never more stay.
/// </param>
public sealed partial class InstancePurger(TimeSpan keepFor, IAdmissionLedger ledger, IDisplayLedger displayLedger, TimeProvider time, ILogger<InstancePurger> logger, NewestRunStarts? newest = null)
{
    /// <summary>How often the ledger is cleaned at most.</summary>
    public static readonly TimeSpan LedgerEvery = TimeSpan.FromMinutes(10);

    private DateTimeOffset ledgerCleaned = DateTimeOffset.MinValue;

    /// <summary>How long a finished run is kept.</summary>
    public TimeSpan KeepFor { get; } = keepFor;

    /// <summary>How many of the most recently started runs are kept once they succeed, whatever their age; null: no bound by count.</summary>
    public int? KeepAtMost { get; } = newest?.Keep;

    /// <summary>Purges the succeeded runs created before now minus <see cref="KeepFor"/> (and beyond the newest <c>keepAtMost</c>), and the ledgers' expired entries when due; returns how many runs were purged, or null when that failed.</summary>
    public async Task<int?> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        int? purged = null;
        try
        {
            // An explicit lower bound: the in-memory service fails on an open-ended filter. Completed
            // only: a filter with no finished status would purge running instances too.
            DateTimeOffset before = time.GetUtcNow() - KeepFor;
            if (newest?.NewestBeyond() is { } beyond && beyond > before)
            {
                before = beyond;
            }

            var filter = new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, before, [OrchestrationRuntimeStatus.Completed]);
            purged = (await client.PurgeAllInstancesAsync(filter, cancellationToken)).PurgedInstanceCount;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPurgeFailed(logger, ex);
        }

        if (time.GetUtcNow() - ledgerCleaned >= LedgerEvery)
        {
            try
            {
                await ledger.ForgetExpiredAsync(cancellationToken);
                await displayLedger.ForgetExpiredAsync(cancellationToken);
                ledgerCleaned = time.GetUtcNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPurgeFailed(logger, ex);
            }
        }

        return purged;
    }

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Purging finished runs or expired claims failed; the next call tries again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
