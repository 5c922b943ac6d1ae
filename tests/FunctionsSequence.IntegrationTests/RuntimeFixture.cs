namespace FunctionsSequence.IntegrationTests;

/// <summary>One <c>fseq run samples/4-broker-trigger</c> shared by the HTTP tests (it has a Sequence, a Broker, Triggers and Services).</summary>
public sealed class RuntimeFixture : IAsyncLifetime
{
    private FseqProcess? fseq;

    internal FseqProcess Fseq => fseq!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        fseq = FseqProcess.Start("run", "samples/4-broker-trigger", "--port", "0");
        Http.BaseAddress = await fseq.WaitUntilListeningAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (fseq is not null)
        {
            await fseq.DisposeAsync();
        }
    }
}
