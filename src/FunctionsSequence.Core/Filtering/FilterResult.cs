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

    /// <summary>
    /// Filtering stopped on the event: a <c>cesql</c> expression's value was not a Boolean, where Knative's broker
    /// fails the whole request (its filter panics). The event does not pass, whatever <c>not</c>, <c>all</c> or
    /// <c>any</c> around it would say.
    /// </summary>
    Aborted,
}
