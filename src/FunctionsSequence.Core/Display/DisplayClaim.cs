namespace FunctionsSequence.Core.Display;

/// <summary>Where an event stands in the display ledger when a display asks to print it.</summary>
public enum DisplayClaim
{
    /// <summary>The caller holds it now: it prints the event, then records it.</summary>
    Claimed,

    /// <summary>Printed already: this delivery is left out.</summary>
    Printed,

    /// <summary>Another process claimed it moments ago and is printing it: ask again shortly.</summary>
    Held,
}
