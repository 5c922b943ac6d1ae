namespace FunctionsSequence.Cli.Engine;

/// <summary>Settings of the embedded Durable Task engine.</summary>
internal sealed record EngineOptions
{
    /// <summary>The connection string <c>--store azurite</c> stands for.</summary>
    public const string Azurite = "UseDevelopmentStorage=true";

    /// <summary>Orchestration and activity work items the engine dispatches at once.</summary>
    public int Concurrency { get; init; } = 500;

    /// <summary>Null: in memory. Else an Azure Storage connection string: the Durable Functions default backend.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>The task hub in that storage; local runs and the cloud app must not share one.</summary>
    public string TaskHub { get; init; } = "fseqlocal";
}
