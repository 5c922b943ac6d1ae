using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>What a redrive came to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RedriveOutcome>))]
public enum RedriveOutcome
{
    /// <summary>A run was started with the event at its hop.</summary>
    Started,

    /// <summary>Another redrive of the same dead letter started its run already; nothing was started twice.</summary>
    AlreadyStarted,

    /// <summary>The dead letter was redriven before; it was not sent again.</summary>
    Refused,

    /// <summary>There is no such dead letter, or its hop is no longer in the manifests.</summary>
    NotFound,
}
