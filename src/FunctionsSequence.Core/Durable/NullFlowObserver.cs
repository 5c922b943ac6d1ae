namespace FunctionsSequence.Core.Durable;

/// <summary>The observer that ignores everything.</summary>
public sealed class NullFlowObserver : IFlowObserver
{
    /// <summary>The single instance.</summary>
    public static readonly NullFlowObserver Instance = new();

    /// <inheritdoc />
    public void Started(string instanceId, int events, RunTarget? slotOf)
    {
    }

    /// <inheritdoc />
    public void Failed(string what, Exception exception)
    {
    }

    /// <inheritdoc />
    public void Completed(string instanceId, string? failure)
    {
    }
}
