namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// A destination's <c>CACerts</c> (Knative's transport encryption: "trusting a CA for a specific event
/// sender"): a step at an HTTPS address whose certificate a private authority signed is reached when the
/// step's destination names that authority, and refused by the TLS check when it does not.
/// </summary>
public sealed class TrustedDestinationTests(PrivateCaServer server) : IClassFixture<PrivateCaServer>
{
    [Fact]
    public async Task A_step_whose_certificate_a_private_ca_signed_is_reached_only_where_the_destination_names_that_ca_and_under_its_own_name()
    {
        await using ManifestRun run = await ManifestRun.StartAsync(TrustedDestinationScenario.Manifest(server));
        string trusted = "tls-" + Guid.NewGuid().ToString("N");
        string untrusted = "tls-" + Guid.NewGuid().ToString("N");
        string misnamed = "tls-" + Guid.NewGuid().ToString("N");

        using (HttpResponseMessage accepted = await run.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/trusting", trusted)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (HttpResponseMessage accepted = await run.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/not-trusting", untrusted)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (HttpResponseMessage accepted = await run.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/trusting-misnamed", misnamed)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await run.Fseq.WaitForLogAsync($"returned no event: chain ended for event {trusted}");
        await run.Fseq.WaitForLogAsync($"(The remote certificate is invalid because of errors in the certificate chain: PartialChain)); no deadLetterSink, the orchestration is left Failed with event {untrusted}");
        await run.Fseq.WaitForLogAsync($"(The remote certificate was rejected by the provided RemoteCertificateValidationCallback.)); no deadLetterSink, the orchestration is left Failed with event {misnamed}");
        Assert.Equal([trusted], server.Received);
    }
}
