using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>IntegrationTests' <see cref="LargeEventScenario"/> on the real host.</summary>
[Collection(DeliveryHostGroup.Name)]
public sealed class LargeEventTests(DeliveryHost fixture)
{
    [SkippableFact]
    public Task Runs_of_events_of_nearly_1_mb_can_be_listed_and_looked_at() => LargeEventScenario.AssertRunsOfNearlyOneMegabyteCanBeListedAsync(fixture.Host.Http, fixture.Steps);

    [SkippableFact]
    public Task An_answer_too_heavy_to_go_on_is_dead_lettered() => LargeEventScenario.AssertAnAnswerTooHeavyToGoOnIsDeadLetteredAsync(fixture.Host.Http, fixture.Steps);

    [SkippableFact]
    public Task A_burst_of_events_of_nearly_1_mb_goes_through_in_runs_that_fit() => LargeEventScenario.AssertABurstOfNearlyOneMegabyteGoesThroughInRunsThatFitAsync(fixture.Host.Http, fixture.Steps);

    [SkippableFact]
    public Task Answers_growing_past_what_one_call_holds_go_on() => LargeEventScenario.AssertAnswersGrowingPastWhatOneCallHoldsGoOnAsync(fixture.Host.Http, fixture.Steps);

    [SkippableFact]
    public Task Grown_answers_replied_into_a_flow_start_runs_that_fit() => LargeEventScenario.AssertGrownAnswersRepliedIntoAFlowStartRunsThatFitAsync(fixture.Host.Http, fixture.Steps);
}
