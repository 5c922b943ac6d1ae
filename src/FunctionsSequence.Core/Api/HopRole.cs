using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Api;

/// <summary>What a <see cref="Hop"/> is in its flow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HopRole>))]
public enum HopRole
{
    /// <summary>A Sequence's step.</summary>
    Step,

    /// <summary>A Parallel branch's filter.</summary>
    Filter,

    /// <summary>A Parallel branch's or a Trigger's subscriber.</summary>
    Subscriber,
}
