using CloudNative.CloudEvents;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Manifests;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>An attempt is bounded by its delivery's timeout, whatever its length, else by the default; never by the HTTP client.</summary>
public sealed class DeliveryAttemptTests
{
    [Fact]
    public async Task An_attempt_that_outlives_its_timeout_is_a_retryable_408_that_names_the_timeout()
    {
        DeliveryResult result = await DeliveryAttempt.RunAsync(async token => { await Task.Delay(Timeout.Infinite, token); return null; }, TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.Equal((false, 408, true, "no answer within 0.05 s (the per-attempt timeout)"), (result.Succeeded, result.StatusCode, result.Retryable, result.Error));
    }

    [Fact]
    public async Task An_attempt_without_a_timeout_is_still_bounded_by_the_default()
    {
        CancellationToken given = default;

        await DeliveryAttempt.RunAsync(token => { given = token; return ValueTask.FromResult<CloudEvent?>(null); }, timeout: null, CancellationToken.None);

        Assert.True(given.CanBeCanceled);
        Assert.Equal(TimeSpan.FromSeconds(100), DeliveryPolicy.DefaultTimeout);
    }

    [Fact]
    public void The_HTTP_client_sets_no_timeout_of_its_own_so_a_delivery_timeout_over_100_s_holds()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddFunctionsSequence(new ManifestLoader().LoadText("", "empty.yaml").EnsureValid())
            .BuildServiceProvider();

        Assert.Equal(Timeout.InfiniteTimeSpan, services.GetRequiredService<HttpClient>().Timeout);
    }
}
