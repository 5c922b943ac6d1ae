using Azure;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Tests.Ingress;

public sealed class HandOverFailureTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    public void A_topic_refusing_the_events_is_its_answer_passed_on_with_event_grids_words_and_the_refusals(int status)
    {
        var answer = new RequestFailedException(status, "Service request failed.\nStatus: 400 (Bad Request)\n\nContent: ...");
        var refusal = new StepFailedException($"The Event Grid topic of Broker 'default' answered {status} to request 2 of 2 (request 1's events were taken)", status, null, answer);

        IngressProblem? problem = HandOverFailure.ProblemOf(IngressTarget.Broker, "default", 2, refusal);

        Assert.Equal(
            new IngressProblem(status, "Refused by Event Grid", "Broker 'default' could not take the 2 events: RequestFailedException: Service request failed. "
                + $"The Event Grid topic of Broker 'default' answered {status} to request 2 of 2 (request 1's events were taken). "
                + "Event Grid refused them as they are: sent again, they would be refused again."),
            problem);
    }

    [Fact]
    public void A_step_failure_of_no_topic_is_not_an_outage_and_fails_the_request()
    {
        Assert.Null(HandOverFailure.ProblemOf(IngressTarget.Broker, "default", 1, new StepFailedException("a bug", 400)));
    }

    [Theory]
    [InlineData(IngressTarget.Sequence, 413, "The app's storage refused")] // the publish converts its topic's 400 and 413: not Event Grid's
    [InlineData(IngressTarget.Sequence, 403, "The app's storage refused")]
    [InlineData(IngressTarget.Broker, 413, "The app's storage refused")]
    [InlineData(IngressTarget.Broker, 403, "The app's storage (or, for a Broker on an Event Grid topic, that topic) refused")]
    public void Another_answer_of_azures_is_a_502_that_names_what_may_have_given_it(IngressTarget target, int status, string refused)
    {
        IngressProblem? problem = HandOverFailure.ProblemOf(target, "s", 1, new RequestFailedException(status, "This request is not authorized.\nRequestId: 1"));

        Assert.Equal(
            new IngressProblem(502, "Not taken", $"{target} 's' could not take the event: RequestFailedException: This request is not authorized. "
                + $"{refused} the app's own request: its settings or its access need looking at."),
            problem);
    }

    [Theory]
    [InlineData(IngressTarget.Broker)] // its topic
    [InlineData(IngressTarget.Sequence)] // storage: the admission ledger's table, the task hub
    public void Requests_that_got_no_answer_after_the_sdks_retries_are_an_outage_named_by_the_last_try(IngressTarget target)
    {
        Exception[] tries = [.. Enumerable.Range(0, 4).Select(_ => new RequestFailedException("Connection refused (127.0.0.1:20010)", new HttpRequestException("Connection refused (127.0.0.1:20010)")))];
        var retried = new AggregateException("Retry failed after 4 tries. Retry settings can be adjusted in ClientOptions.Retry or by configuring a custom retry policy.", tries);

        IngressProblem? problem = HandOverFailure.ProblemOf(target, "s", 1, retried);

        Assert.Equal(
            new IngressProblem(503, "Not taken", $"{target} 's' could not take the event: RequestFailedException: Connection refused (127.0.0.1:20010) (4 tries). "
                + "Send the request again: an event already taken is recognised by its source and id and not run twice."),
            problem);
    }

    [Fact]
    public void The_topic_out_of_reach_is_a_503_the_sender_retries()
    {
        Assert.Equal(503, HandOverFailure.ProblemOf(IngressTarget.Broker, "default", 1, new RequestFailedException(503, "Service Unavailable"))?.Status);
    }
}
