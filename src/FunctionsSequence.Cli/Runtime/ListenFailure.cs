namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// Kestrel's failure to bind fseq's port (taken, or not allowed): fseq reports it in one line of its
/// own, so the host's "Hosting failed to start" entry for it is not printed as well.
/// </summary>
internal static class ListenFailure
{
    /// <summary>True for the exception Kestrel throws when it cannot bind the address.</summary>
    public static bool Is(Exception? exception) =>
        exception is IOException io && (io.InnerException is System.Net.Sockets.SocketException || io.Message.Contains("address", StringComparison.OrdinalIgnoreCase));
}
