using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>Where a dead-lettered event stands with respect to redrive.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeadLetterState>))]
public enum DeadLetterState
{
    /// <summary>Dead-lettered and not redriven since (or dead-lettered again after a redrive).</summary>
    DeadLettered,

    /// <summary>A redrive claimed it and may not have started its run yet; redriving again resends the same redrive, which admission runs once.</summary>
    Redriving,

    /// <summary>Redriven: its run was started; redriving again is refused.</summary>
    Redriven,
}
