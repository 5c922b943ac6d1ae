using System.Collections.Concurrent;

namespace FunctionsSequence.Benchmarks;

/// <summary>An app under the real-host comparison's load: where to send, and when each event id was displayed.</summary>
internal interface ILoadTarget : IAsyncDisposable
{
    /// <summary>The row's name in the table.</summary>
    string Name { get; }

    /// <summary>Its task hub in the benchmark's Azurite.</summary>
    string TaskHub { get; }

    /// <summary>A client for its routes (with the function key where one is needed).</summary>
    HttpClient Http { get; }

    /// <summary>Event id to the <see cref="System.Diagnostics.Stopwatch"/> timestamp of its display.</summary>
    ConcurrentDictionary<string, long> Displayed { get; }
}
