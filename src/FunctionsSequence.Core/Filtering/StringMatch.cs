namespace FunctionsSequence.Core.Filtering;

/// <summary>How a <see cref="StringMatchFilter"/> compares values.</summary>
public enum StringMatch
{
    /// <summary>The <c>exact</c> dialect.</summary>
    Exact,

    /// <summary>The <c>prefix</c> dialect.</summary>
    Prefix,

    /// <summary>The <c>suffix</c> dialect.</summary>
    Suffix,
}
