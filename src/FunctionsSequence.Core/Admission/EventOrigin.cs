namespace FunctionsSequence.Core.Admission;

/// <summary>Where events entering a run come from, which decides whether they may wait for a slot.</summary>
public enum EventOrigin
{
    /// <summary>From outside (ingress, Event Grid's deliveries): each may wait for a slot and share a run when its target is busy.</summary>
    Outside,

    /// <summary>From inside the pipeline (an activity's outputs): one run at once, with an id derived from its events.</summary>
    Pipeline,
}
