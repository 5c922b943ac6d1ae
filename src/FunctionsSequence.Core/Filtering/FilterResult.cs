namespace FunctionsSequence.Core.Filtering;

/// <summary>What a Trigger filter says about an event, as in Knative's eventfilter package.</summary>
public enum FilterResult
{
    /// <summary>The filter has nothing to check: the event passes.</summary>
    NoFilter,

    /// <summary>The event matches.</summary>
    Pass,

    /// <summary>The event does not match.</summary>
    Fail,
}
