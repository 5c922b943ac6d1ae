using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests;

/// <summary>Every log line written, formatted, for tests that assert on what was logged.</summary>
internal sealed class LogLines : ILoggerProvider, ILogger
{
    public List<string> Lines { get; } = [];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
        {
            Lines.Add(formatter(state, exception));
        }
    }

    public void Dispose()
    {
    }
}
