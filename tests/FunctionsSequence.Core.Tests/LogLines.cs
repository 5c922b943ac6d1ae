using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests;

/// <summary>Every log line written, formatted, for tests that assert on what was logged.</summary>
internal sealed class LogLines : ILoggerProvider, ILogger
{
    public List<string> Lines { get; } = [];

    /// <summary>The same lines with their level and event id.</summary>
    public List<(LogLevel Level, int EventId, string Text)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
        {
            string text = formatter(state, exception);
            Lines.Add(text);
            Entries.Add((logLevel, eventId.Id, text));
        }
    }

    public void Dispose()
    {
    }
}
