namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Whether the local runtime has begun to stop: set from its host's ApplicationStopping, which comes
/// before the host stops the Durable Task worker, so every call the worker then cancels falls after
/// it. One instance serves the runtime's logs and the engine's (see <see cref="FseqConsoleFormatter"/>).
/// </summary>
internal sealed class RuntimeStopping
{
    private volatile bool begun;

    /// <summary>True once <see cref="Begin"/> has been called; it stays true.</summary>
    public bool Begun => begun;

    /// <summary>Marks the start of the stop.</summary>
    public void Begin() => begun = true;
}
