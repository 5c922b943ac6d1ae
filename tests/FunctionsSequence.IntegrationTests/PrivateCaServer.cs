using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// An HTTPS sink on loopback whose certificate a private certificate authority, made for the test, signed: no
/// system trusts it, so only a destination whose <c>CACerts</c> name that authority reaches it. Records each event's id.
/// </summary>
public sealed class PrivateCaServer : IAsyncLifetime
{
    private readonly List<WebApplication> apps = [];

    /// <summary>The authority's certificate in PEM, as a destination's CACerts holds it.</summary>
    public string CaPem { get; private set; } = null!;

    /// <summary>The sink, its certificate issued for 127.0.0.1.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The same sink with a certificate the same authority issued for another name (other.example).</summary>
    public Uri MisnamedAddress { get; private set; } = null!;

    public ConcurrentQueue<string> Received { get; } = new();

    public async Task InitializeAsync()
    {
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=fseq test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CaPem = ca.ExportCertificatePem();

        var loopback = new SubjectAlternativeNameBuilder();
        loopback.AddIpAddress(IPAddress.Loopback);
        var other = new SubjectAlternativeNameBuilder();
        other.AddDnsName("other.example");
        BaseAddress = await StartAsync(Leaf(ca, "CN=127.0.0.1", loopback, 1));
        MisnamedAddress = await StartAsync(Leaf(ca, "CN=other.example", other, 2));
    }

    public async Task DisposeAsync()
    {
        foreach (WebApplication app in apps)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>A server certificate for <paramref name="names"/> that <paramref name="ca"/> signed, with its key.</summary>
    private static X509Certificate2 Leaf(X509Certificate2 ca, string subject, SubjectAlternativeNameBuilder names, byte serial)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        using X509Certificate2 signed = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [serial, 2, 3, 4]);
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null); // a key Kestrel's TLS can use on Linux
    }

    private async Task<Uri> StartAsync(X509Certificate2 certificate)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        WebApplication app = builder.Build();
        app.MapPost("/sink", context =>
        {
            Received.Enqueue(context.Request.Headers["ce-id"].ToString());
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        apps.Add(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
