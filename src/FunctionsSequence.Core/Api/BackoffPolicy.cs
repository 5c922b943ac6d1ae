namespace FunctionsSequence.Core.Api;

/// <summary>How back-off delays grow between retries.</summary>
public enum BackoffPolicy
{
    /// <summary>delay × 2^n.</summary>
    Exponential,

    /// <summary>delay × n.</summary>
    Linear,
}
