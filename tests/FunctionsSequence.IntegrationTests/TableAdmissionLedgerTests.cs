using Azure.Data.Tables;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The admission ledger on Azurite's table storage (./test.sh starts it), as every instance of the app shares it.</summary>
public sealed class TableAdmissionLedgerTests : IAsyncLifetime
{
    private static readonly RunTarget Target = RunTarget.Sequence("my-sequence");
    private readonly string taskHub = "admittest" + Guid.NewGuid().ToString("N")[..8];
    private readonly TableServiceClient tables = new(Azurite.ConnectionString);

    private Task<TableAdmissionLedger> Ledger(TimeSpan? retention = null) =>
        Task.FromResult(new TableAdmissionLedger(tables, taskHub, retention ?? TimeSpan.FromHours(24)));

    [Fact]
    public async Task A_run_claims_its_events_at_once_and_another_instance_finds_them()
    {
        TableAdmissionLedger ledger = await Ledger();
        string[] members = [.. Enumerable.Range(0, 130).Select(i => $"seq:my-sequence:{i:x8}")]; // more than one transaction holds

        IReadOnlyList<AdmissionClaim?> claimed = await ledger.ClaimAsync(Target, members, "run-1", default);
        await ledger.ConfirmAsync(Target, members, "run-1", default);
        TableAdmissionLedger elsewhere = await Ledger();
        IReadOnlyList<AdmissionClaim?> again = await elsewhere.ClaimAsync(Target, [members[5], "seq:my-sequence:new", members[129]], "run-2", default);

        Assert.All(claimed, Assert.Null);
        Assert.Equal(("run-1", true), (again[0]!.RunId, again[0]!.Scheduled));
        Assert.Null(again[1]);
        Assert.Equal("run-1", again[2]!.RunId);
        Assert.Equal("run-2", (await elsewhere.GetAsync(Target, "seq:my-sequence:new", default))!.RunId);
        Assert.Null(await elsewhere.GetAsync(RunTarget.Trigger("my-sequence"), members[5], default)); // another target, another ledger
    }

    [Fact]
    public async Task A_claim_is_replaced_only_if_unchanged_since_it_was_read()
    {
        TableAdmissionLedger ledger = await Ledger();
        await ledger.ClaimAsync(Target, ["m"], "dead-run", default);
        AdmissionClaim read = (await ledger.GetAsync(Target, "m", default))!;

        Assert.True(await ledger.ReplaceAsync(Target, read, "taker-1", default));
        Assert.False(await ledger.ReplaceAsync(Target, read, "taker-2", default)); // the first taker changed it

        Assert.Equal("taker-1", (await ledger.GetAsync(Target, "m", default))!.RunId);
    }

    [Fact]
    public async Task Released_claims_can_be_claimed_again()
    {
        TableAdmissionLedger ledger = await Ledger();
        await ledger.ClaimAsync(Target, ["a", "b"], "failed-run", default);

        await ledger.ReleaseAsync(Target, ["a", "b"], default);

        Assert.All(await ledger.ClaimAsync(Target, ["a", "b"], "next-run", default), Assert.Null);
    }

    [Fact]
    public async Task Claims_older_than_the_retention_count_as_absent_and_are_forgotten()
    {
        TableAdmissionLedger ledger = await Ledger(TimeSpan.FromSeconds(1));
        await ledger.ClaimAsync(Target, ["old"], "run-1", default);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Null(await ledger.GetAsync(Target, "old", default));
        Assert.Equal(1, await ledger.ForgetExpiredAsync(default));
        Assert.Null((await ledger.ClaimAsync(Target, ["old"], "run-2", default))[0]);
    }

    public async Task InitializeAsync() => await Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await tables.DeleteTableAsync(taskHub + TableAdmissionLedger.TableSuffix);
}
