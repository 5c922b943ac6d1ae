using System.Security.Cryptography.X509Certificates;

namespace FunctionsSequence.Core.Steps;

/// <summary>The HTTP clients events are delivered through: one per app, and one per set of a destination's <c>CACerts</c>.</summary>
public static class DeliveryHttp
{
    /// <summary>
    /// A client as every delivery takes it: no redirect followed (a 3xx is a failed delivery), connections renewed
    /// every 2 minutes (a destination's address may move), no timeout of its own (each attempt has its own). With
    /// <paramref name="roots"/>, a server may also present a certificate that chains to one of them.
    /// </summary>
    public static HttpClient Create(X509Certificate2Collection? roots = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false };
        if (roots is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => TrustedRoots.Accept(certificate, chain, errors, roots);
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
