using Azure.Data.Tables;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Tests.DeadLetters;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The dead-letter store contract on Azurite's table storage (./test.sh starts it), a new table per test.</summary>
public sealed class TableDeadLetterStoreTests : DeadLetterStoreContract, IAsyncLifetime
{
    private readonly string taskHub = "dlstoretest" + Guid.NewGuid().ToString("N")[..8];

    protected override IDeadLetterStore Store => new TableDeadLetterStore(new TableServiceClient(Azurite.ConnectionString), taskHub);

    [Fact]
    public async Task An_event_larger_than_a_table_property_is_kept_whole()
    {
        string data = new('x', 150 * 1024);
        DeadLetterRecord record = Record(Core.Api.Hop.Step("seq", 0), "big", DateTimeOffset.UnixEpoch) with
        {
            Event = $$"""{"specversion":"1.0","id":"big","source":"/test","type":"t","data":"{{data}}"}""",
        };

        await Store.RecordAsync(record, default);

        Assert.Equal(record.Event, (await Store.GetAsync(record.Id, default))!.Event);
    }

    public async Task InitializeAsync() => await Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await new TableClient(Azurite.ConnectionString, taskHub + TableDeadLetterStore.TableSuffix).DeleteAsync();
}
