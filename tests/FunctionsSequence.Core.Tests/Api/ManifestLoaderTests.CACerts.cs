using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>A destination's CACerts (PEM) is kept with it, refused at its line when it is no certificate; its audience is warned about.</summary>
public sealed partial class ManifestLoaderTests
{
    private static string CaPem()
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return ca.ExportCertificatePem();
    }

    private static string Quoted(string text) => "\"" + text.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    [Fact]
    public void A_destinations_ca_certificates_are_kept_with_it()
    {
        string pem = CaPem();

        Destination step = StepOf(StepTo($"{{ uri: \"https://api.internal/v1\", CACerts: {Quoted(pem)} }}"));

        Assert.Equal(pem, step.CACerts);
        Assert.Equal("https://api.internal/v1", step.ToString()); // logs and records show no certificate
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-----BEGIN CERTIFICATE-----\\nbm90IGEgY2VydGlmaWNhdGU=\\n-----END CERTIFICATE-----\\n")]
    public void Ca_certificates_that_are_no_pem_certificate_are_refused_at_their_line(string text)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(StepTo($"{{ uri: \"https://api.internal/v1\", CACerts: \"{text}\" }}")));

        Assert.Equal(("spec.steps[0].CACerts", 26), (error.Field, error.Location.Line));
        Assert.StartsWith("is not CA certificates in PEM, as Knative takes them: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_audience_is_warned_about_as_no_token_is_sent()
    {
        ManifestLoadResult result = Manifests.Load(StepTo("{ uri: \"https://api.internal/v1\", audience: my-sink }"));

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "spec.steps[0].audience"), (warning.Severity, warning.Field));
        Assert.Contains("no OIDC token", warning.Message, StringComparison.Ordinal);
    }
}
