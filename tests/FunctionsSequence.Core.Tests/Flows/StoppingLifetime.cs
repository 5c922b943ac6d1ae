using Microsoft.Extensions.Hosting;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>A host lifetime the test stops by hand, as the Functions host stops for a deploy or a scale-in.</summary>
internal sealed class StoppingLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void Stop() => stopping.Cancel();

    public void StopApplication() => Stop();

    public void Dispose() => stopping.Dispose();
}
