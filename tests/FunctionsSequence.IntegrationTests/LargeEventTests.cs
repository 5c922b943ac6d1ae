namespace FunctionsSequence.IntegrationTests;

/// <summary><see cref="LargeEventScenario"/> on fseq, in memory.</summary>
public sealed class LargeEventTests(StepServer steps) : IClassFixture<StepServer>, IAsyncLifetime
{
    private ManifestRun? run;

    public async Task InitializeAsync() => run = await ManifestRun.StartAsync(LargeEventScenario.Manifest(steps.BaseAddress));

    public async Task DisposeAsync()
    {
        if (run is not null)
        {
            await run.DisposeAsync();
        }
    }

    [Fact]
    public Task Runs_of_events_of_nearly_1_mb_can_be_listed_and_looked_at() => LargeEventScenario.AssertRunsOfNearlyOneMegabyteCanBeListedAsync(run!.Http, steps);

    [Fact]
    public Task An_answer_too_heavy_to_go_on_is_dead_lettered() => LargeEventScenario.AssertAnAnswerTooHeavyToGoOnIsDeadLetteredAsync(run!.Http, steps);

    [Fact]
    public Task A_burst_of_events_of_nearly_1_mb_goes_through_in_runs_that_fit() => LargeEventScenario.AssertABurstOfNearlyOneMegabyteGoesThroughInRunsThatFitAsync(run!.Http, steps);

    [Fact]
    public Task Answers_growing_past_what_one_call_holds_go_on() => LargeEventScenario.AssertAnswersGrowingPastWhatOneCallHoldsGoOnAsync(run!.Http, steps);

    [Fact]
    public Task Grown_answers_replied_into_a_flow_start_runs_that_fit() => LargeEventScenario.AssertGrownAnswersRepliedIntoAFlowStartRunsThatFitAsync(run!.Http, steps);
}
