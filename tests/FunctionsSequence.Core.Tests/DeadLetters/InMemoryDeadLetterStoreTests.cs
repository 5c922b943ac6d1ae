using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.Core.Tests.DeadLetters;

/// <summary>The dead-letter store keeps each dead letter once, lists them, and lets one update win.</summary>
public sealed class InMemoryDeadLetterStoreTests
{
    private static readonly Hop Step1 = Hop.Step("seq", 1);
    private readonly InMemoryDeadLetterStore store = new();

    internal static DeadLetterRecord Record(Hop hop, string id, DateTimeOffset at, int status = 503) =>
        new(DeadLetterRecord.KeyOf(hop, "/test", id), hop, "http://step.local/", $$"""{"specversion":"1.0","id":"{{id}}","source":"/test","type":"t"}""",
            status, "boom", 3, at, DeadLetterRecord.SinkOrigin);

    [Fact]
    public async Task The_same_dead_letter_recorded_again_is_kept_once_as_first_recorded()
    {
        DateTimeOffset first = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await store.RecordAsync(Record(Step1, "a", first), default);
        await store.RecordAsync(Record(Step1, "a", first.AddMinutes(1), 500), default); // the activity ran again
        await store.RecordAsync(Record(Hop.Step("seq", 2), "a", first.AddMinutes(2)), default); // another hop: another record

        IReadOnlyList<DeadLetterRecord> all = await store.ListAsync(default);

        Assert.Equal(2, all.Count);
        Assert.Equal((Step1, 503, first), (all[0].Hop, all[0].StatusCode, all[0].DeadLetteredAt));
        Assert.Equal(Hop.Step("seq", 2), all[1].Hop);
    }

    [Fact]
    public async Task An_update_from_a_stale_read_loses()
    {
        await store.RecordAsync(Record(Step1, "a", DateTimeOffset.UnixEpoch), default);
        DeadLetterRecord read = (await store.GetAsync(DeadLetterRecord.KeyOf(Step1, "/test", "a"), default))!;

        Assert.True(await store.UpdateAsync(read with { State = DeadLetterState.Redriving, Redrives = 1 }, default));
        Assert.False(await store.UpdateAsync(read with { State = DeadLetterState.Redriving, Redrives = 1 }, default));
    }

    [Fact]
    public async Task Dead_lettered_again_after_a_redrive_it_can_be_redriven_again_and_keeps_its_count()
    {
        DeadLetterRecord record = Record(Step1, "a", DateTimeOffset.UnixEpoch);
        await store.RecordAsync(record, default);
        DeadLetterRecord read = (await store.GetAsync(record.Id, default))!;
        await store.UpdateAsync(read with { State = DeadLetterState.Redriven, Redrives = 1 }, default);

        await store.RecordAsync(record with { DeadLetteredAt = DateTimeOffset.UnixEpoch.AddHours(1), StatusCode = 500 }, default);

        DeadLetterRecord again = (await store.GetAsync(record.Id, default))!;
        Assert.Equal((DeadLetterState.DeadLettered, 1, 500), (again.State, again.Redrives, again.StatusCode));
    }
}
