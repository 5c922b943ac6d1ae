using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests;

/// <summary>The exception each log line of one event id carries, for tests that assert none is attached.</summary>
internal sealed class LoggedExceptions(int eventId, List<Exception?> exceptions) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (id.Id == eventId)
        {
            lock (exceptions)
            {
                exceptions.Add(exception);
            }
        }
    }

    public void Dispose()
    {
    }
}
