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
    private WebApplication? app;

    /// <summary>The authority's certificate in PEM, as a destination's CACerts holds it.</summary>
    public string CaPem { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<string> Received { get; } = new();

    public async Task InitializeAsync()
    {
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=fseq test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CaPem = ca.ExportCertificatePem();

        using RSA leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        using X509Certificate2 signed = leafRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(leafKey);
        X509Certificate2 leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null); // a key Kestrel's TLS can use on Linux

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(leaf)));
        app = builder.Build();
        app.MapPost("/sink", context =>
        {
            Received.Enqueue(context.Request.Headers["ce-id"].ToString());
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
