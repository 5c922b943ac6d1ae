namespace FunctionsSequence.Core.Steps;

/// <summary>What a call to a step or service does with the body of a 2xx answer: Knative reads it differently by who called.</summary>
public enum AnswerUse
{
    /// <summary>
    /// A step's, a branch's or a Service route's answer, read as Knative's channel dispatcher reads one: an event goes
    /// on; a body that is no event ends the chain; one that claims to be a CloudEvent and is not fails, not retried
    /// (502: Knative's dispatcher forwards it, and the next channel refuses it with 400, which is not retried). Where it
    /// has nowhere to go (<see cref="Api.ManifestSet.AnswersGoNowhere"/>) the hop reads such an answer as none.
    /// </summary>
    Output,

    /// <summary>
    /// A Broker subscriber's, read as Knative's broker filter reads one: a non-empty body that is no event fails too; either
    /// failure is a 502, retried (the filter answers its channel 502, and the channel retries by the Trigger's delivery).
    /// </summary>
    Subscriber,

    /// <summary>A reply's, a dead-letter sink's or a source sink's: not read, as Knative's dispatcher reads no answer of theirs.</summary>
    Ignored,
}
