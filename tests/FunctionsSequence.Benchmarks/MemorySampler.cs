using System.Diagnostics;

namespace FunctionsSequence.Benchmarks;

/// <summary>Peak memory, and the managed heap per event in flight at the busiest moment.</summary>
internal sealed record MemoryFigures(double PeakWorkingSetMiB, int PeakInFlight, double KiBPerInFlightEvent);

/// <summary>Samples the in-flight count and the managed heap while a run goes on.</summary>
internal sealed class MemorySampler(Func<int> inFlight)
{
    private int peakInFlight;
    private long heapAtPeak;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int pending = inFlight();
            if (pending > peakInFlight)
            {
                peakInFlight = pending;
                heapAtPeak = GC.GetTotalMemory(forceFullCollection: false);
            }

            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public MemoryFigures Figures(long idleHeap)
    {
        using var process = Process.GetCurrentProcess();
        double perEvent = peakInFlight == 0 ? 0 : Math.Max(0, heapAtPeak - idleHeap) / 1024.0 / peakInFlight;
        return new MemoryFigures(process.PeakWorkingSet64 / 1024.0 / 1024.0, peakInFlight, perEvent);
    }
}
