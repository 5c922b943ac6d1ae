using Xunit.Abstractions;

[assembly: TestCollectionOrderer("FunctionsSequence.HostTests.Hosting.LongestFirst", "FunctionsSequence.HostTests")]

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// Starts the longest test collections first (<see cref="RunsLongAttribute"/>). xunit runs a collection's tests one after
/// the other and at most <c>maxParallelThreads</c> collections at once, taking them in this order; a long one taken last
/// would end the run alone while the other lanes sit idle.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    // How xunit names the collection it makes for a test class without a [Collection] of its own.
    private const string ClassCollection = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(Minutes).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Minutes(ITestCollection collection)
    {
        ITypeInfo? type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(ClassCollection, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollection.Length..])
                : null);
        return type?.GetCustomAttributes(typeof(RunsLongAttribute).AssemblyQualifiedName).FirstOrDefault() is { } runsLong
            ? (int)runsLong.GetConstructorArguments().Single()
            : 0;
    }
}
