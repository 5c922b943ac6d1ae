using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Admission;

/// <summary>
/// Finds the ends of runs this instance started and did not see end. In the Functions app a run's
/// episodes run on the instance that holds its control queue's partition, often another one; until
/// its end is known here it counts against this instance's back-pressure bound and holds its
/// Sequence's or Trigger's slot. So each such run's status is read (one point read of the task hub)
/// when <see cref="InFlightRuns.TakeDueForCheck"/> gives it: once for most runs.
/// </summary>
public sealed partial class RunEndPoller(InFlightRuns runs, ILogger<RunEndPoller> logger, TimeProvider? time = null) : BackgroundService
{
    /// <summary>How often due runs are looked for.</summary>
    public static TimeSpan Every { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one status read may take before it counts as failed, so one stuck read holds up no other.</summary>
    public static TimeSpan ReadTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How often failed reads are logged at most: counted in between.</summary>
    public static TimeSpan WarnEvery { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The most runs read in one check: the rest wait for the next, those due longest first.</summary>
    public const int MaxPerCheck = 256;

    private const int Parallelism = 16;

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private DurableTaskClient? client;
    private int failedSinceWarning;
    private DateTimeOffset lastWarning = DateTimeOffset.MinValue;

    /// <summary>The client to read statuses with: the one a run was last started with (a Functions app gets clients only through its functions' bindings).</summary>
    public void Use(DurableTaskClient client) => Volatile.Write(ref this.client, client ?? throw new ArgumentNullException(nameof(client)));

    /// <summary>Reads the status of the runs due for a check, and stops counting those that ended (or are gone); returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref client) is not { } reader)
        {
            return 0; // no run started here yet
        }

        IReadOnlyList<string> due = runs.TakeDueForCheck(MaxPerCheck);
        int ended = 0;
        int failed = 0;
        Exception? firstFailure = null;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, token) =>
        {
            using var timeout = new CancellationTokenSource(ReadTimeout, clock);
            using var read = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
            try
            {
                // Gone counts as ended: a run is only purged once it has ended.
                if (await reader.GetInstanceAsync(id, getInputsAndOutputs: false, read.Token) is not { IsCompleted: false })
                {
                    runs.EndedElsewhere(id);
                    Interlocked.Increment(ref ended);
                }
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // It stays in flight, and is read again when due again.
                Interlocked.CompareExchange(ref firstFailure, timeout.IsCancellationRequested ? new TimeoutException($"no answer within {ReadTimeout.TotalSeconds:0} s") : ex, null);
                Interlocked.Increment(ref failed);
            }
        });

        if (failed > 0)
        {
            Warn(failed, firstFailure!);
        }

        if (ended > 0)
        {
            LogEnded(logger, ended, due.Count);
        }

        return ended;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }

    /// <summary>Logs failed reads at most once per <see cref="WarnEvery"/>, with how many failed since the last line: an outage of the task hub writes a line per 10 s, not per check.</summary>
    private void Warn(int failed, Exception example)
    {
        int since = Interlocked.Add(ref failedSinceWarning, failed);
        DateTimeOffset now = clock.GetUtcNow();
        if (now - lastWarning < WarnEvery)
        {
            return;
        }

        lastWarning = now;
        Interlocked.Add(ref failedSinceWarning, -since);
        LogReadFailed(logger, since, example.Message);
    }

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "{Ended} of {Checked} run(s) checked had ended on another instance")]
    private static partial void LogEnded(ILogger logger, int ended, int @checked);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "Could not read the status of runs started here {Failed} time(s) ({Error}); they count in flight until read")]
    private static partial void LogReadFailed(ILogger logger, int failed, string error);
}
