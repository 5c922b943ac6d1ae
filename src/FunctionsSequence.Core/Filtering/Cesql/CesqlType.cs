using System.Diagnostics.CodeAnalysis;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>The three primitive types of CESQL (spec §3.1). URIs and timestamps are represented as strings.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The spec's names for its types.")]
public enum CesqlType
{
    /// <summary><c>true</c> or <c>false</c>; zero value <c>false</c>.</summary>
    Boolean,

    /// <summary>A signed 32-bit integer; zero value <c>0</c>.</summary>
    Integer,

    /// <summary>A sequence of Unicode characters; zero value <c>""</c>.</summary>
    String,
}
