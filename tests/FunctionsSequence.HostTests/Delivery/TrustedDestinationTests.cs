using System.Net;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Delivery;

/// <summary>
/// On the real host as on fseq (IntegrationTests' <c>TrustedDestinationTests</c>): a step at an HTTPS address whose
/// certificate a private authority signed is reached where the destination's CACerts name that authority, and refused
/// by the TLS check where they do not.
/// </summary>
[Collection(DeliveryHostGroup.Name)]
public sealed class TrustedDestinationTests(DeliveryHost fixture)
{
    [SkippableFact]
    public async Task A_step_whose_certificate_a_private_ca_signed_is_reached_only_where_the_destination_names_that_ca_and_under_its_own_name()
    {
        string trusted = "tls-" + Guid.NewGuid().ToString("N");
        string untrusted = "tls-" + Guid.NewGuid().ToString("N");
        string misnamed = "tls-" + Guid.NewGuid().ToString("N");

        using (HttpResponseMessage accepted = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/trusting", trusted)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (HttpResponseMessage accepted = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/not-trusting", untrusted)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (HttpResponseMessage accepted = await fixture.Host.Http.SendAsync(CloudEventRequests.Binary("/api/sequences/trusting-misnamed", misnamed)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await fixture.Host.Log.WaitForLineAsync($"returned no event: chain ended for event {trusted}");
        await fixture.Host.Log.WaitForLineAsync($"(The remote certificate is invalid because of errors in the certificate chain: PartialChain)); no deadLetterSink, the orchestration is left Failed with event {untrusted}");
        await fixture.Host.Log.WaitForLineAsync($"(The remote certificate was rejected by the provided RemoteCertificateValidationCallback.)); no deadLetterSink, the orchestration is left Failed with event {misnamed}");
        Assert.Equal([trusted], fixture.Tls.Received);
    }
}
