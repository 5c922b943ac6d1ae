using System.Net;
using System.Net.Sockets;

namespace FunctionsSequence.IntegrationTests;

/// <summary>The Azurite that ./test.sh starts, for the tests on the storage backend.</summary>
internal static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public static async Task EnsureRunningAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, 10000).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            Assert.Fail("Azurite is not listening on 127.0.0.1:10000. ./test.sh installs and starts it (npm install azurite@3).");
        }
    }
}
