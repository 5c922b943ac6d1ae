using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Durable;

/// <summary>What became of an event whose attempt at a hop failed.</summary>
[JsonConverter(typeof(HopFateJsonConverter))]
public enum HopFate
{
    /// <summary>It waits out a back-off and is tried again.</summary>
    Retrying,

    /// <summary>Its retries ran out and it went to the hop's dead-letter sink.</summary>
    DeadLettered,

    /// <summary>Its retries ran out with no dead-letter sink set: it fails the run and stays in the run's input.</summary>
    Failed,

    /// <summary>A Parallel branch's filter failed: the event does not take that branch.</summary>
    Dropped,

    /// <summary>
    /// Its retries ran out and its dead-letter sink failed too: it fails the run and stays in the
    /// run's input, and among the dead letters, from where it can be redriven.
    /// </summary>
    DeadLetterFailed,
}
