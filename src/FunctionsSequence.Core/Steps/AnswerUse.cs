namespace FunctionsSequence.Core.Steps;

/// <summary>What a call to a step or service does with the body of a 2xx answer: Knative reads it differently by who called.</summary>
public enum AnswerUse
{
    /// <summary>
    /// A step's, a branch's or a Service route's answer, read as Knative's channel dispatcher reads one: an event goes
    /// on; a body that is no event ends the chain; one that claims to be a CloudEvent and is not fails (502, retried).
    /// </summary>
    Output,

    /// <summary>A Broker subscriber's, read as Knative's broker filter reads one: a non-empty body that is no event fails too (502).</summary>
    Subscriber,

    /// <summary>A reply's, a dead-letter sink's or a source sink's: not read, as Knative's dispatcher reads no answer of theirs.</summary>
    Ignored,
}
