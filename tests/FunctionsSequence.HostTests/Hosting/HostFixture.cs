namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// One host for a test class or collection, started before its tests. Tests reach it through
/// <see cref="Host"/>, which skips them (or fails them, where a host is required) when this machine
/// has no Functions host.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    private FunctionsHost? host;

    internal FunctionsHost Host
    {
        get
        {
            HostAvailability.Ensure();
            return host ?? throw new InvalidOperationException("the host was not started");
        }
    }

    public virtual async Task InitializeAsync()
    {
        if (HostAvailability.Command is { } command)
        {
            host = await FunctionsHost.StartAsync(command, CreateSettings());
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    internal abstract HostSettings CreateSettings();
}
