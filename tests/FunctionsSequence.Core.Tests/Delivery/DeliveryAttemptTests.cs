using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Manifests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.Core.Tests.Delivery;

/// <summary>An attempt is bounded by its delivery's timeout, whatever its length, else by the default; never by the HTTP client.</summary>
public sealed class DeliveryAttemptTests
{
    [Fact]
    public async Task An_attempt_that_outlives_its_timeout_is_a_retryable_failure_with_no_answer_that_names_the_timeout()
    {
        DeliveryResult result = await DeliveryAttempt.RunAsync(async token => { await Task.Delay(Timeout.Infinite, token); return null; }, TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.Equal((false, 0, true, "timed out after 0.05 s (the per-attempt timeout)"), (result.Succeeded, result.StatusCode, result.Retryable, result.Error));
    }

    [Theory]
    [InlineData(3 << 20, "3,145,848 bytes (3 MB)")] // the data alone is the bound: its event is past it
    [InlineData(5 << 20, "5,243,000 bytes (5 MB)")]
    public async Task An_answer_heavier_than_a_run_carries_between_hops_is_a_502_not_retried_that_says_its_weight(int dataChars, string weight)
    {
        var answer = new CloudNative.CloudEvents.CloudEvent { Id = "a", Source = new Uri("/s", UriKind.Relative), Type = "t", DataContentType = "text/plain", Data = new string('x', dataChars) };

        DeliveryResult result = await DeliveryAttempt.RunAsync(_ => ValueTask.FromResult<CloudNative.CloudEvents.CloudEvent?>(answer), timeout: null, CancellationToken.None);

        Assert.Equal((false, 502, false), (result.Succeeded, result.StatusCode, result.Retryable));
        Assert.Equal($"answered an event that weighs {weight}, more than the 3,145,728 bytes (3 MB) an event may between hops here; a retry would answer it again", result.Error);
    }

    [Fact]
    public async Task An_answer_that_a_run_carries_goes_on()
    {
        var answer = new CloudNative.CloudEvents.CloudEvent { Id = "a", Source = new Uri("/s", UriKind.Relative), Type = "t", DataContentType = "text/plain", Data = new string('x', 2 << 20) };

        DeliveryResult result = await DeliveryAttempt.RunAsync(_ => ValueTask.FromResult<CloudNative.CloudEvents.CloudEvent?>(answer), timeout: null, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(result.Event!.Length > 2 << 20);
    }

    [Fact]
    public async Task An_attempt_without_a_timeout_is_still_bounded_by_the_default()
    {
        var time = new FakeTimeProvider();
        Task<DeliveryResult> attempt = DeliveryAttempt.RunAsync(async token => { await Task.Delay(Timeout.Infinite, token); return null; }, timeout: null, CancellationToken.None, time);

        time.Advance(DeliveryPolicy.DefaultTimeout - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(attempt.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        DeliveryResult result = await attempt.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((0, "timed out after 100 s (the per-attempt timeout when delivery sets none)"), (result.StatusCode, result.Error));
    }

    [Fact]
    public async Task An_attempt_cancelled_from_outside_is_cancelled_not_timed_out()
    {
        using var outside = new CancellationTokenSource();
        Task<DeliveryResult> attempt = DeliveryAttempt.RunAsync(async token => { await Task.Delay(Timeout.Infinite, token); return null; }, TimeSpan.FromMinutes(5), outside.Token);

        await outside.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attempt);
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
