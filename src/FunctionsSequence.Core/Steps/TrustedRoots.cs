using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// A destination's <c>CACerts</c>: certificate authorities in PEM that its HTTPS address may chain to, trusted
/// beside the system's, as Knative's dispatcher adds them to its pool of roots.
/// </summary>
public static class TrustedRoots
{
    /// <summary>The certificates of <paramref name="pem"/>; throws <see cref="CryptographicException"/> for text that holds none or one that does not parse.</summary>
    public static X509Certificate2Collection Parse(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(pem);
        return roots.Count > 0 ? roots : throw new CryptographicException("no PEM certificate in it (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)");
    }

    /// <summary>What is wrong with <paramref name="pem"/> as CACerts, or null when it holds certificates that parse.</summary>
    public static string? Problem(string pem)
    {
        try
        {
            X509Certificate2Collection roots = Parse(pem);
            foreach (X509Certificate2 root in roots)
            {
                root.Dispose();
            }

            return null;
        }
        catch (CryptographicException ex)
        {
            return $"is not CA certificates in PEM, as Knative takes them: {ex.Message.TrimEnd('.')}";
        }
    }

    /// <summary>
    /// Accepts a server's certificate the system trusts, or one issued for server authentication whose chain, with the
    /// intermediates the server sent, ends at one of <paramref name="roots"/>; its name is checked as ever. Only a
    /// self-signed certificate in <paramref name="roots"/> anchors a chain (.NET's custom root trust), where Go's pool takes any.
    /// </summary>
    public static bool Accept(X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // server authentication, as the system's check asks
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a private CA seldom publishes revocation lists; Go's client checks none either
        if (sent is not null)
        {
            foreach (X509ChainElement element in sent.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        X509Certificate2 leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return chain.Build(leaf);
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }
}
