using System.Net;
using System.Net.Sockets;

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// Free loopback ports for hosts, taken below Linux's ephemeral range (32768-60999). A port from that
/// range can be taken by any outgoing connection while a host is down between a stop and a start
/// again, and the host then fails to bind it ("address already in use").
/// </summary>
internal static class LoopbackPort
{
    private const int First = 20_000;
    private const int Count = 12_000;

    // Starts at a different place in each test process, then hands out each port once within it.
    private static int next = Random.Shared.Next(Count);

    /// <summary>A port nothing listens on now and no other host of this process was given.</summary>
    public static int Next()
    {
        for (int tries = 0; tries < Count; tries++)
        {
            int port = First + (Interlocked.Increment(ref next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port in {First}-{First + Count - 1}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
