using Azure.Identity;
using DurableTask.AzureStorage;

namespace FunctionsSequence.Cli.Inspection;

/// <summary>
/// The storage of a task hub as <c>--store</c> names it: <c>azurite</c>, a connection string (it has
/// an <c>=</c>), or a storage account name, reached with Entra ID (<see cref="DefaultAzureCredential"/>).
/// </summary>
/// <param name="ConnectionString">The connection string, or null for an account name.</param>
/// <param name="AccountName">The account name, or null for a connection string.</param>
internal sealed record StorageTarget(string? ConnectionString, string? AccountName)
{
    /// <summary>What <c>--store</c> needs, for its usage error.</summary>
    public const string Needs = "azurite, an Azure Storage connection string or a storage account name";

    /// <summary>The target <paramref name="word"/> names, or null when it names none.</summary>
    public static StorageTarget? Parse(string word) => word switch
    {
        "azurite" => new StorageTarget(Engine.EngineOptions.Azurite, null),
        _ when word.Contains('=', StringComparison.Ordinal) => new StorageTarget(word, null),
        _ when word.Length is >= 3 and <= 24 && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) => new StorageTarget(null, word),
        _ => null,
    };

    /// <summary>How the storage backend reaches it.</summary>
    public StorageAccountClientProvider ClientProvider() => ConnectionString is { } connection
        ? new StorageAccountClientProvider(connection)
        : new StorageAccountClientProvider(AccountName!, new DefaultAzureCredential());

    /// <inheritdoc />
    public override string ToString() => AccountName is { } account ? $"storage account {account}" : ConnectionString == Engine.EngineOptions.Azurite ? "Azurite" : "the storage of the connection string";
}
