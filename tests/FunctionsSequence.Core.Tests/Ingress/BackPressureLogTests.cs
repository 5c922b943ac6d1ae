using System.Globalization;
using System.Text.RegularExpressions;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Hosting;
using FunctionsSequence.Core.Ingress;
using FunctionsSequence.Core.Manifests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsSequence.Core.Tests.Ingress;

/// <summary>
/// Under sustained overload a route logs its first 429 at once and counts the rest into one line,
/// reported when a request there is accepted again or every interval; other refusals keep a line each.
/// </summary>
public sealed partial class BackPressureLogTests : IAsyncDisposable
{
    private const int Refused = 1901;
    private const int RefusedMore = 1902;
    private const string SequenceRoute = "POST /api/sequences/sequence";

    private readonly LogLines log = new();
    private readonly FakeDurableClient client = new();
    private readonly FakeTimeProvider time = new();
    private readonly Throttle throttle = new();
    private readonly ServiceProvider services;

    public BackPressureLogTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton<IIngressThrottle>(throttle);

        // Runs never end on the fake client: room for every accepted request to start one, not wait for a slot.
        collection.AddSingleton(new BatchingOptions { MaxInFlight = 1000 });
        collection.AddFunctionsSequence(new ManifestLoader().Load([Manifests.Samples("4-broker-trigger")]).EnsureValid());
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await client.DisposeAsync();
    }

    [Fact]
    public void The_counts_have_a_log_category_of_their_own_that_hosts_can_name() =>
        Assert.Equal(CloudEventIngress.BackPressureCategory, typeof(BackPressureLog).FullName);

    private List<(LogLevel Level, int EventId, string Text)> Lines(int eventId)
    {
        lock (log.Lines)
        {
            return [.. log.Entries.Where(e => e.EventId == eventId)];
        }
    }

    private async Task<int> Send(IngressTarget target = IngressTarget.Sequence, string name = "sequence", string type = "t")
    {
        HttpRequest request = IngressRequests.Post("{}", "application/json",
            ("ce-specversion", "1.0"), ("ce-id", Guid.NewGuid().ToString("N")), ("ce-source", "/test"), ("ce-type", type));
        request.PathBase = "/api";
        request.Path = $"/{target.ToString().ToLowerInvariant()}s/{name}";
        IResult result = await services.GetRequiredService<CloudEventIngress>().HandleAsync(request, target, name, client, default);
        return Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode!.Value;
    }

    private async Task SendRefused(int count, IngressTarget target = IngressTarget.Sequence, string name = "sequence")
    {
        throttle.Full = true;
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(StatusCodes.Status429TooManyRequests, await Send(target, name));
        }
    }

    [Fact]
    public async Task The_first_429_is_logged_at_once_and_the_next_1000_only_when_a_request_on_the_route_is_accepted()
    {
        await SendRefused(1);

        var (level, _, text) = Assert.Single(Lines(Refused));
        Assert.Equal(LogLevel.Information, level);
        Assert.StartsWith($"{SequenceRoute} refused with 429 Too many events in flight: ", text, StringComparison.Ordinal);

        await SendRefused(1000);
        time.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Single(Lines(Refused));
        Assert.Empty(Lines(RefusedMore));

        throttle.Full = false;
        Assert.Equal(StatusCodes.Status202Accepted, await Send());
        Assert.Equal(StatusCodes.Status202Accepted, await Send());

        Assert.Equal(
            [$"{SequenceRoute} refused 1000 more request(s) with 429 over 3.5 s; a request was accepted again"],
            Lines(RefusedMore).Select(e => e.Text));
        Assert.Equal(LogLevel.Information, Lines(RefusedMore)[0].Level);
    }

    [Fact]
    public async Task A_route_at_its_bound_where_requests_get_in_between_429s_is_not_a_line_each()
    {
        await SendRefused(1);
        time.Advance(TimeSpan.FromSeconds(2));
        await SendRefused(20);
        for (int i = 0; i < 50; i++)
        {
            throttle.Full = false;
            Assert.Equal(StatusCodes.Status202Accepted, await Send());
            await SendRefused(20);
        }

        time.Advance(BackPressureLog.Interval - TimeSpan.FromSeconds(2));

        Assert.Single(Lines(Refused));
        Assert.Equal(
            [
                $"{SequenceRoute} refused 20 more request(s) with 429 over 2 s; a request was accepted again",
                $"{SequenceRoute} refused 1000 more request(s) with 429 over 8 s; back-pressure goes on",
            ],
            Lines(RefusedMore).Select(e => e.Text));
    }

    [Fact]
    public async Task A_request_accepted_right_after_the_first_429_writes_nothing_and_the_next_line_spans_from_it()
    {
        await SendRefused(1);
        time.Advance(TimeSpan.FromSeconds(3));
        throttle.Full = false;
        await Send();
        await SendRefused(5);

        Assert.Empty(Lines(RefusedMore));
        time.Advance(BackPressureLog.Interval - TimeSpan.FromSeconds(3));

        Assert.Equal([$"{SequenceRoute} refused 5 more request(s) with 429 over 10 s; back-pressure goes on"], Lines(RefusedMore).Select(e => e.Text));
    }

    [Fact]
    public async Task While_429s_go_on_their_count_is_reported_once_per_interval_and_an_interval_without_any_ends_the_spell()
    {
        await SendRefused(501);
        time.Advance(BackPressureLog.Interval - TimeSpan.FromSeconds(1));
        Assert.Empty(Lines(RefusedMore));

        time.Advance(TimeSpan.FromSeconds(1));
        await SendRefused(200);
        time.Advance(BackPressureLog.Interval);

        Assert.Equal(
            [
                $"{SequenceRoute} refused 500 more request(s) with 429 over 10 s; back-pressure goes on",
                $"{SequenceRoute} refused 200 more request(s) with 429 over 10 s; back-pressure goes on",
            ],
            Lines(RefusedMore).Select(e => e.Text));

        // No 429 for an interval: the spell ends without a line, and the next 429 is news again.
        time.Advance(BackPressureLog.Interval);
        await SendRefused(1);

        Assert.Equal(2, Lines(RefusedMore).Count);
        Assert.Equal(2, Lines(Refused).Count);
    }

    [Fact]
    public async Task Each_route_has_its_own_first_line_and_count()
    {
        await SendRefused(4);
        await SendRefused(8, IngressTarget.Broker, "default");
        time.Advance(BackPressureLog.Interval);

        Assert.Equal(
            [$"{SequenceRoute} refused with 429", "POST /api/brokers/default refused with 429"],
            Lines(Refused).Select(e => e.Text[..e.Text.IndexOf(" Too", StringComparison.Ordinal)]));
        Assert.Equal(
            [
                "POST /api/brokers/default refused 7 more request(s) with 429 over 10 s; back-pressure goes on",
                $"{SequenceRoute} refused 3 more request(s) with 429 over 10 s; back-pressure goes on",
            ],
            Lines(RefusedMore).Select(e => e.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_400_during_back_pressure_is_logged_every_time_at_warning()
    {
        await SendRefused(5);
        for (int i = 0; i < 3; i++)
        {
            HttpRequest request = IngressRequests.Post("""{"specversion":"1.0","id":"x","source":"/s"}""", "application/cloudevents+json");
            await services.GetRequiredService<CloudEventIngress>().HandleAsync(request, IngressTarget.Sequence, "sequence", client, default);
        }

        List<(LogLevel Level, int EventId, string Text)> warnings = [.. Lines(Refused).Where(e => e.Level == LogLevel.Warning)];
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.StartsWith($"{SequenceRoute} refused with 400 Invalid CloudEvent", w.Text, StringComparison.Ordinal));
        Assert.Single(Lines(Refused), e => e.Level == LogLevel.Information);
    }

    [Fact]
    public async Task The_count_not_yet_reported_is_logged_when_the_host_stops()
    {
        await SendRefused(43);
        time.Advance(TimeSpan.FromSeconds(2));

        await services.DisposeAsync();

        Assert.Equal([$"{SequenceRoute} refused 42 more request(s) with 429 over 2 s; the host is stopping"], Lines(RefusedMore).Select(e => e.Text));
    }

    [Fact]
    public void Once_the_host_stops_each_429_is_a_line_of_its_own()
    {
        var backPressure = new BackPressureLog(services.GetRequiredService<ILogger<BackPressureLogTests>>(), time);
        var problem = new IngressProblem(StatusCodes.Status429TooManyRequests, "Too many events in flight", "Retry after 1 s.");
        backPressure.Refuse(IngressRequests.Post("", null), IngressTarget.Sequence, "sequence", problem);
        backPressure.Refuse(IngressRequests.Post("", null), IngressTarget.Sequence, "sequence", problem);

        backPressure.Dispose();
        backPressure.Refuse(IngressRequests.Post("", null), IngressTarget.Sequence, "sequence", problem);
        backPressure.Refuse(IngressRequests.Post("", null), IngressTarget.Sequence, "sequence", problem);

        Assert.Equal(3, Lines(Refused).Count);
        Assert.Single(Lines(RefusedMore));
    }

    [Fact]
    public async Task Under_concurrent_refusals_acceptances_and_ticks_every_429_is_in_exactly_one_line()
    {
        const int Refusers = 4;
        const int Each = 50_000;
        using var backPressure = new BackPressureLog(services.GetRequiredService<ILogger<BackPressureLogTests>>(), time);
        var problem = new IngressProblem(StatusCodes.Status429TooManyRequests, "Too many events in flight", "Retry after 1 s.");
        HttpRequest request = IngressRequests.Post("", null);
        int refusing = Refusers;

        // The first 429 makes the timer; FakeTimeProvider does not expect one made while another thread advances it.
        backPressure.Refuse(request, IngressTarget.Sequence, "sequence", problem);

        // Requests accepted and ticks of the interval, all the while the 429s come in.
        Task Meanwhile(Action act) => Task.Run(() =>
        {
            while (Volatile.Read(ref refusing) > 0)
            {
                act();
                Thread.SpinWait(100);
            }
        });

        Task[] refusers = [.. Enumerable.Range(0, Refusers).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < Each; i++)
            {
                backPressure.Refuse(request, IngressTarget.Sequence, "sequence", problem);
            }

            Interlocked.Decrement(ref refusing);
        }))];
        await Task.WhenAll([.. refusers, Meanwhile(() => backPressure.Accepted(IngressTarget.Sequence, "sequence")), Meanwhile(() => time.Advance(BackPressureLog.Interval))]);
        backPressure.Dispose();

        long firsts = Lines(Refused).Count;
        long counted = Lines(RefusedMore).Sum(e => long.Parse(CountOf().Match(e.Text).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.True(Lines(RefusedMore).Count > 1, "reports did not interleave with the 429s");
        Assert.Equal((Refusers * Each) + 1, firsts + counted);
    }

    [GeneratedRegex(" refused ([0-9]+) more request")]
    private static partial Regex CountOf();

    private sealed class Throttle : IIngressThrottle
    {
        public volatile bool Full;

        public int MaxEvents => 2;

        public TimeSpan? RetryAfter(int incoming) => Full ? TimeSpan.FromSeconds(1) : null;

        public void Entered(int incoming)
        {
        }
    }
}
