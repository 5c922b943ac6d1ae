namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// <c>fseq run</c> on a manifest written by the test (a temporary file, removed at the end), with
/// an HTTP client for its address.
/// </summary>
internal sealed class ManifestRun : IAsyncDisposable
{
    private readonly string manifest;

    private ManifestRun(string manifest, FseqProcess fseq)
    {
        this.manifest = manifest;
        Fseq = fseq;
    }

    public FseqProcess Fseq { get; }

    public HttpClient Http { get; } = new();

    /// <summary>Writes <paramref name="yaml"/> and runs fseq on it on a free port, with <paramref name="args"/> more; returns once it listens.</summary>
    public static async Task<ManifestRun> StartAsync(string yaml, params string[] args)
    {
        string manifest = Path.Combine(Path.GetTempPath(), $"fseq-test-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, yaml);
        var run = new ManifestRun(manifest, FseqProcess.Start(["run", manifest, "--port", "0", .. args]));
        try
        {
            run.Http.BaseAddress = await run.Fseq.WaitUntilListeningAsync();
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Fseq.DisposeAsync();
        File.Delete(manifest);
    }
}
