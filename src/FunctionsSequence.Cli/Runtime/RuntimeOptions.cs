using FunctionsSequence.Cli.Engine;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>What <c>fseq run</c> was asked to do.</summary>
internal sealed record RuntimeOptions
{
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>The HTTP port on 127.0.0.1; 7071 like <c>func start</c>; 0 picks a free one.</summary>
    public int Port { get; init; } = 7071;

    /// <summary>Fire every source once now, wait for everything to settle, then exit.</summary>
    public bool Once { get; init; }

    /// <summary>How long <see cref="Once"/> waits for work to settle.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public EngineOptions Engine { get; init; } = new();

    /// <summary>Events in flight above which ingress answers 429 with Retry-After.</summary>
    public int MaxInFlight { get; init; } = 2000;

    /// <summary>How events bound for a busy Sequence or Trigger share runs.</summary>
    public FunctionsSequence.Core.Admission.BatchingOptions Batching { get; init; } = new();

    /// <summary>The OTLP/HTTP endpoint (a collector's :4318) that gets the traces and metrics, or null for none.</summary>
    public Uri? Otlp { get; init; }

    /// <summary>In memory: how many of the most recently started runs are kept once finished, for inspection and the dashboard (each at most an hour).</summary>
    public int KeepRuns { get; init; } = 1000;

    /// <summary>Checkpoint mode of Sequences that do not choose one.</summary>
    public FunctionsSequence.Core.Api.CheckpointMode Checkpoint { get; init; } = FunctionsSequence.Core.Api.CheckpointMode.Step;
}
