using System.Globalization;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.Core.Tests.DeadLetters;

/// <summary>
/// What every dead-letter store does: keeps each dead letter once, lists them, lets one update win,
/// takes a dead letter again only from the latest redrive's run, keeps the audit. Run on the
/// in-memory store here and on table storage (Azurite) by the integration tests, which link this file.
/// </summary>
public abstract class DeadLetterStoreContract
{
    private static readonly Hop Step1 = Hop.Step("seq", 1);
    private static readonly DateTimeOffset First = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);

    /// <summary>The store under test, empty at the start of each test.</summary>
    protected abstract IDeadLetterStore Store { get; }

    internal static DeadLetterRecord Record(Hop hop, string id, DateTimeOffset at, int status = 503) =>
        new(DeadLetterRecord.KeyOf(hop, "/test", id), hop, "http://step.local/", $$"""{"specversion":"1.0","id":"{{id}}","source":"/test","type":"t"}""",
            status, "boom", 3, at, DeadLetterRecord.SinkOrigin);

    [Fact]
    public async Task The_same_dead_letter_recorded_again_is_kept_once_as_first_recorded()
    {
        Assert.True(await Store.RecordAsync(Record(Step1, "a", First), default));
        Assert.False(await Store.RecordAsync(Record(Step1, "a", First.AddMinutes(1), 500), default)); // the activity ran again
        Assert.True(await Store.RecordAsync(Record(Hop.Step("seq", 2), "a", First.AddMinutes(2)), default)); // another hop: another record

        IReadOnlyList<DeadLetterRecord> all = await Store.ListAsync(default);

        Assert.Equal(2, all.Count);
        Assert.Equal((Step1, 503, First), (all[0].Hop, all[0].StatusCode, all[0].DeadLetteredAt));
        Assert.Equal(Record(Step1, "a", First).Event, all[0].Event);
        Assert.Equal(Hop.Step("seq", 2), all[1].Hop);
    }

    [Fact]
    public async Task An_update_from_a_stale_read_loses()
    {
        await Store.RecordAsync(Record(Step1, "a", First), default);
        DeadLetterRecord read = (await Store.GetAsync(DeadLetterRecord.KeyOf(Step1, "/test", "a"), default))!;

        Assert.True(await Store.UpdateAsync(read with { State = DeadLetterState.Redriving, Redrives = 1 }, default));
        Assert.False(await Store.UpdateAsync(read with { State = DeadLetterState.Redriving, Redrives = 1 }, default));
    }

    [Fact]
    public async Task Dead_lettered_again_by_its_redrive_it_can_be_redriven_again_and_keeps_its_count()
    {
        DeadLetterRecord record = await RedrivenAsync();

        Assert.True(await Store.RecordAsync(record with { DeadLetteredAt = First.AddHours(1), StatusCode = 500, Redrives = 1 }, default));

        DeadLetterRecord again = (await Store.GetAsync(record.Id, default))!;
        Assert.Equal((DeadLetterState.DeadLettered, 1, 500), (again.State, again.Redrives, again.StatusCode));
    }

    [Fact]
    public async Task A_late_replay_of_a_run_before_the_latest_redrive_leaves_the_record_redriven()
    {
        DeadLetterRecord record = await RedrivenAsync();

        Assert.False(await Store.RecordAsync(record with { DeadLetteredAt = First.AddHours(1), StatusCode = 500 }, default)); // the first run's activity, replayed

        DeadLetterRecord after = (await Store.GetAsync(record.Id, default))!;
        Assert.Equal((DeadLetterState.Redriven, 1, 503), (after.State, after.Redrives, after.StatusCode));
    }

    [Fact]
    public async Task Audit_lines_are_kept_in_order()
    {
        RedriveAudit[] audits =
        [
            new(First, "r1", "a", "/test", DeadLetterRecord.SinkOrigin, "Sequence seq step 1", RedriveOutcome.Started, "redrive 1, run x"),
            new(First.AddSeconds(1), "r1", "a", "/test", DeadLetterRecord.SinkOrigin, "Sequence seq step 1", RedriveOutcome.Refused, "redriven already"),
        ];

        foreach (RedriveAudit audit in audits)
        {
            await Store.AuditAsync(audit, default);
        }

        Assert.Equal(audits, await Store.AuditsAsync(default));
    }

    private async Task<DeadLetterRecord> RedrivenAsync()
    {
        DeadLetterRecord record = Record(Step1, "a", First);
        await Store.RecordAsync(record, default);
        DeadLetterRecord read = (await Store.GetAsync(record.Id, default))!;
        Assert.True(await Store.UpdateAsync(read with { State = DeadLetterState.Redriven, Redrives = 1, RedrivenAt = First.AddMinutes(30) }, default));
        return record;
    }
}
