namespace FunctionsSequence.Cli.Engine;

/// <summary>Settings of the embedded Durable Task engine.</summary>
internal sealed record EngineOptions
{
    /// <summary>Orchestration and activity work items the engine dispatches at once.</summary>
    public int Concurrency { get; init; } = 500;
}
