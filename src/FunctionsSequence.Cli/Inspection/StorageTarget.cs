using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using FunctionsSequence.Cli.Commands;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Cli.Inspection;

/// <summary>
/// The storage of a task hub as <c>--store</c> names it: <c>azurite</c>, a connection string (it has
/// an <c>=</c>), or a storage account name, reached with Entra ID (<see cref="DefaultAzureCredential"/>).
/// </summary>
/// <param name="ConnectionString">The connection string, or null for an account name.</param>
/// <param name="AccountName">The account name, or null for a connection string.</param>
internal sealed record StorageTarget(string? ConnectionString, string? AccountName)
{
    // One sign-in per command, whichever clients it builds (an account name only).
    private static readonly Lazy<DefaultAzureCredential> Credential = new(() => new DefaultAzureCredential());

    // A command that can do nothing without the storage first asks it with three quick tries, so that
    // storage it cannot connect to is reported in under a second (port closed) or ten (no answer to
    // connect), not after the SDK's six tries over tens of seconds. Once connected it waits for the
    // answer as long as the SDK does: a busy Azurite is slow, not gone. The clients that then do the
    // work keep the SDK's retries, for transient failures.
    private static readonly TableClientOptions Quick = new()
    {
        Retry = { MaxRetries = 2, Mode = RetryMode.Fixed, Delay = TimeSpan.FromMilliseconds(250) },
        Transport = new HttpClientTransport(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3) }),
    };

    private const string AzuriteWord = "azurite";

    /// <summary>What <c>--store</c> needs, for its usage error.</summary>
    public const string Needs = "azurite, an Azure Storage connection string or a storage account name";

    /// <summary>
    /// The target <paramref name="word"/> names, or null when it names none (or is a connection string
    /// the Azure SDK cannot read, or a misspelt <c>azurite</c>). Every command's <c>--store</c> reads it here.
    /// </summary>
    public static StorageTarget? Parse(string word) => word switch
    {
        _ when word.Equals(AzuriteWord, StringComparison.OrdinalIgnoreCase) => new StorageTarget(Engine.EngineOptions.Azurite, null),
        _ when word.Contains('=', StringComparison.Ordinal) => ConnectionStringProblem(word) is null ? new StorageTarget(word, null) : null,
        _ when IsAccountName(word) && !IsMisspeltAzurite(word) => new StorageTarget(null, word),
        _ => null,
    };

    /// <summary>
    /// How a usage error quotes a <c>--store</c> value it refused: as given (with the word it is
    /// likely a typo of), but a connection string (which may hold a key) by what is wrong with it.
    /// </summary>
    public static string Quote(string word) =>
        !word.Contains('=', StringComparison.Ordinal) ? (IsMisspeltAzurite(word) ? $"'{word}' (did you mean {AzuriteWord}?)" : $"'{word}'")
        : ConnectionStringProblem(word) is { } problem ? $"that connection string ({problem})"
        : "that connection string";

    /// <summary>How the storage backend reaches it.</summary>
    public StorageAccountClientProvider ClientProvider() => ConnectionString is { } connection
        ? new StorageAccountClientProvider(connection)
        : new StorageAccountClientProvider(AccountName!, Credential.Value);

    /// <summary>Its table service.</summary>
    public TableServiceClient Tables(TableClientOptions? options = null) => ConnectionString is { } connection
        ? new TableServiceClient(connection, options)
        : new TableServiceClient(new Uri($"https://{AccountName}.table.core.windows.net/"), Credential.Value, options);

    /// <summary>Its blob service.</summary>
    public BlobServiceClient Blobs() => ConnectionString is { } connection
        ? new BlobServiceClient(connection)
        : new BlobServiceClient(new Uri($"https://{AccountName}.blob.core.windows.net/"), Credential.Value);

    /// <summary>
    /// Fails with what to do when the storage does not answer or refuses us, before anything starts on it.
    /// </summary>
    /// <param name="otherwise">What else the user may do, at the end of the error (such as "or use --store memory").</param>
    /// <param name="cancellationToken">Cancels the wait for an answer.</param>
    /// <exception cref="InspectionException">The storage did not answer, or refused.</exception>
    public async Task EnsureReachableAsync(string otherwise, CancellationToken cancellationToken)
    {
        // Storage always has a list of tables: a 404 for it is some other server at that address.
        if (!await AnswersAsync(Tables(Quick).QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken), $"cannot reach {this}", ", " + otherwise, cancellationToken))
        {
            throw new InspectionException($"cannot reach {this}: its table endpoint answers 404 Not Found (is it Azure Storage?), {otherwise}");
        }
    }

    /// <summary>
    /// Fails with what to do when <paramref name="taskHub"/> is not in this storage (no <c>{taskHub}Instances</c>
    /// table), before anything reads it: a mistyped name would read as a hub with no runs, and its
    /// tables would be created.
    /// </summary>
    /// <exception cref="InspectionException">There is no such task hub, or the storage did not answer.</exception>
    public async Task EnsureTaskHubAsync(string taskHub, CancellationToken cancellationToken)
    {
        string instances = taskHub + "Instances";
        // A read of at most one row, not a filter on table names: those are case-insensitive, filters are not.
        AsyncPageable<TableEntity> firstRow = Tables(Quick).GetTableClient(instances)
            .QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken);
        if (!await AnswersAsync(firstRow, $"cannot read task hub {taskHub} in {this}", string.Empty, cancellationToken))
        {
            // Azure's table names are case-insensitive, Azurite's are not; queue names show the hub in lower case.
            string spelling = IsAzurite ? ", spelt as it is there: Azurite's table names are case-sensitive" : string.Empty;
            throw new InspectionException($"there is no task hub '{taskHub}' in {this} (no table {instances}); --task-hub names it (a Functions app's is its TaskHubName{spelling})");
        }
    }

    /// <inheritdoc />
    public override string ToString() => AccountName is { } account ? $"storage account {account}" : ConnectionString == Engine.EngineOptions.Azurite ? "Azurite" : "the storage of the connection string";

    /// <summary>
    /// Whether this is Azurite: <c>--store azurite</c>, or a connection string to its well-known account
    /// (named and told how to start it only in the first case: such a string may point at other ports).
    /// </summary>
    private bool IsAzurite =>
        ConnectionString == Engine.EngineOptions.Azurite
        || (ConnectionString is { } connection && (connection.Contains("AccountName=devstoreaccount1", StringComparison.OrdinalIgnoreCase) || connection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Azure Storage's rule for account names: 3 to 24 lower-case letters and digits.</summary>
    private static bool IsAccountName(string word) =>
        word.Length is >= 3 and <= 24 && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    /// <summary>
    /// True for a word one or two typing mistakes from <c>azurite</c> (azurit, azuirte, azure): taken
    /// for a storage account, it would send the command to Entra ID for an account nobody meant.
    /// </summary>
    private static bool IsMisspeltAzurite(string word) =>
        !word.Equals(AzuriteWord, StringComparison.OrdinalIgnoreCase) && Spelling.Distance(word.ToLowerInvariant(), AzuriteWord) <= 2;

    /// <summary>Why the Azure SDK cannot read <paramref name="connectionString"/> for blobs, queues and tables (the task hub uses all three), or null when it can.</summary>
    private static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            _ = new QueueServiceClient(connectionString);
            _ = new TableServiceClient(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return ex.FirstLine().TrimEnd('.');
        }
    }

    /// <summary>
    /// True when the storage answers the first page of <paramref name="query"/>, false when what it
    /// reads is not there (404); else fails with "{failing}: the cause (what to do{otherwise})".
    /// </summary>
    private async Task<bool> AnswersAsync<T>(AsyncPageable<T> query, string failing, string otherwise, CancellationToken cancellationToken)
        where T : notnull
    {
        try
        {
            await using IAsyncEnumerator<Page<T>> page = query.AsPages().GetAsyncEnumerator(cancellationToken);
            await page.MoveNextAsync();
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
        catch (System.Text.Json.JsonException ex)
        {
            // Something answered 200 with what is not Azure Storage's JSON (a web page, say).
            throw new InspectionException($"{failing}: what answers there is not Azure Storage (check the address{otherwise})", ex);
        }
        catch (Exception ex) when (ex is RequestFailedException or AuthenticationFailedException or AggregateException)
        {
            // The SDK's retries end in an AggregateException of the same error each time.
            Exception cause = ex is AggregateException { InnerExceptions: [var first, ..] } ? first : ex;
            if (cause is AuthenticationFailedException)
            {
                // What to do first: DefaultAzureCredential's own message is long, the last credential it tried first.
                throw new InspectionException(
                    $"{failing}: Entra ID sign-in failed; sign in with az login (or set AZURE_CLIENT_ID and the like for a service principal), with a role that may read the account's tables and blobs{otherwise} ({cause.FirstLine()})", ex);
            }

            string check = ConnectionString == Engine.EngineOptions.Azurite
                ? "start it with: npx --yes azurite@3.35 --silent --skipApiVersionCheck --disableTelemetry --location .azurite"
                : "check that it is reachable and that you may use it";
            throw new InspectionException($"{failing}: {cause.FirstLine()} ({check}{otherwise})", ex);
        }
    }
}
