using FunctionsSequence.Core.Sequences;

namespace FunctionsSequence.Core.Tests.Sequences;

public sealed class RunGateTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualTime time = new();
    private readonly List<string> freed = [];

    private RunGate Gate(int inFlight = 2)
    {
        var gate = new RunGate(new BatchingOptions { MaxInFlight = inFlight, Lease = TimeSpan.FromSeconds(10) }, time);
        gate.Freed += freed.Add;
        return gate;
    }

    [Fact]
    public void Each_sequence_has_its_own_slots()
    {
        RunGate gate = Gate();

        Assert.True(gate.TryEnter("a"));
        Assert.True(gate.TryEnter("a"));
        Assert.False(gate.TryEnter("a"));
        Assert.True(gate.TryEnter("b"));
    }

    [Fact]
    public void A_run_that_ends_frees_its_slot_and_says_so()
    {
        RunGate gate = Gate(inFlight: 1);
        Assert.True(gate.TryEnter("a"));
        gate.Entered("a", "run-1");

        gate.Completed("run-1", failure: null);

        Assert.Equal(["a"], freed);
        Assert.True(gate.TryEnter("a"));
    }

    [Fact]
    public void A_run_that_ends_before_its_start_call_returns_still_frees_its_slot()
    {
        RunGate gate = Gate(inFlight: 1);
        Assert.True(gate.TryEnter("a"));

        gate.Completed("run-1", failure: "it failed");
        gate.Entered("a", "run-1");

        Assert.True(gate.TryEnter("a"));
    }

    [Fact]
    public void A_run_whose_end_is_never_seen_frees_its_slot_when_its_lease_runs_out()
    {
        RunGate gate = Gate(inFlight: 1);
        Assert.True(gate.TryEnter("a"));
        gate.Entered("a", "ended-elsewhere");

        time.Now += TimeSpan.FromSeconds(9);
        Assert.False(gate.TryEnter("a"));
        time.Now += TimeSpan.FromSeconds(1);
        Assert.True(gate.TryEnter("a"));
    }

    [Fact]
    public void An_abandoned_start_frees_its_slot()
    {
        RunGate gate = Gate(inFlight: 1);
        Assert.True(gate.TryEnter("a"));

        gate.Abandon("a");

        Assert.True(gate.TryEnter("a"));
    }

    [Theory]
    [InlineData(0, 4, "MaxEvents")]
    [InlineData(100, 0, "MaxInFlight")]
    public void Options_that_cannot_work_are_refused_by_name(int maxEvents, int maxInFlight, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchingOptions { MaxEvents = maxEvents, MaxInFlight = maxInFlight }.Validate());

        Assert.Equal(name, error.ParamName);
    }
}
