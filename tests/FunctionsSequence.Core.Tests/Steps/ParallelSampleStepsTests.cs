using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Steps;

namespace FunctionsSequence.Core.Tests.Steps;

/// <summary>The in-app filter and transformer of samples/5-parallel.</summary>
public sealed class ParallelSampleStepsTests
{
    private static CloudEvent At(string time) => new()
    {
        Id = "e",
        Source = new Uri("urn:test"),
        Type = "dev.knative.sources.ping",
        Time = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
        DataContentType = "application/json",
        Data = JsonSerializer.SerializeToElement(new { message = "Even or odd?" }),
    };

    private static StepContext Env(string name, string value) => new("svc", new Dictionary<string, string> { [name] = value });

    [Theory]
    [InlineData("2026-12-02T23:08:00Z", "even", true)]
    [InlineData("2026-12-02T23:08:00Z", "odd", false)]
    [InlineData("2026-12-02T23:07:00.5Z", "odd", true)]
    [InlineData("2026-12-02T23:07:30Z", "even", true)] // 23:07:30 rounds up to minute 23:08, as Math.round does
    [InlineData("2026-12-02T23:07:29.999Z", "odd", true)]
    public async Task The_parity_filter_passes_the_event_unchanged_only_for_its_minutes(string time, string parity, bool passes)
    {
        CloudEvent input = At(time);

        CloudEvent? output = await new MinuteParityStep().InvokeAsync(input, Env("PARITY", parity), default);

        Assert.Equal(passes, output is not null);
        Assert.True(output is null || ReferenceEquals(input, output));
    }

    [Theory]
    [InlineData("odd", true)] // Math.round(Date.parse(undefined) / 60000) % 2 !== 0: NaN !== 0
    [InlineData("even", false)] // NaN === 0
    public async Task An_event_without_a_time_passes_the_filter_the_samples_javascript_passes_it_by(string parity, bool passes)
    {
        CloudEvent input = At("2026-12-02T23:08:00Z");
        input.Time = null;

        Assert.Equal(passes, await new MinuteParityStep().InvokeAsync(input, Env("PARITY", parity), default) is not null);
    }

    [Fact]
    public async Task The_parity_filter_refuses_a_parity_it_does_not_know()
    {
        var error = await Assert.ThrowsAsync<StepFailedException>(() => new MinuteParityStep().InvokeAsync(At("2026-12-02T23:08:00Z"), Env("PARITY", "both"), default).AsTask());

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("env PARITY must be 'even' or 'odd', not 'both'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_transformer_replaces_the_data_and_keeps_the_attributes()
    {
        CloudEvent output = (await new SetDataStep().InvokeAsync(At("2026-12-02T23:08:00Z"), Env("DATA", """{"message": "we are even!"}"""), default))!;

        Assert.Equal(("e", "dev.knative.sources.ping", "application/json"), (output.Id, output.Type, output.DataContentType));
        Assert.Equal("we are even!", ((JsonElement)output.Data!).GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_transformer_says_when_its_data_is_not_json()
    {
        var error = await Assert.ThrowsAsync<StepFailedException>(() => new SetDataStep().InvokeAsync(At("2026-12-02T23:08:00Z"), Env("DATA", "{oops"), default).AsTask());

        Assert.Contains("Service svc: env DATA is not JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-02T23:08:00Z", "/0", true)]
    [InlineData("2026-12-02T23:08:00Z", "/1", false)]
    [InlineData("2026-12-02T23:07:00Z", "/1", true)]
    [InlineData("2026-12-02T23:07:30Z", "/0", true)] // rounds up to minute 23:08, as Math.round does
    public async Task The_switcher_passes_the_event_unchanged_to_the_case_its_path_names_when_the_minute_matches(string time, string path, bool passes)
    {
        CloudEvent input = At(time);

        CloudEvent? output = await new MinuteSwitchStep().InvokeAsync(input, Env("CASES", "[0, 1]") with { Path = path }, default);

        Assert.Equal(passes, output is not null);
        Assert.True(output is null || ReferenceEquals(input, output));
    }

    [Theory]
    [InlineData("[0, 1]", "/2")]
    [InlineData("[0, 1]", "/x")]
    [InlineData("[0, 1]", "/-0")]
    [InlineData("[0, 1]", null)]
    [InlineData("[0, 0]", "/1")] // the first case that matches is the one taken, as the sample's switcher finds it
    public async Task The_switcher_passes_nothing_down_a_path_that_names_no_case_or_not_the_first_that_matches(string cases, string? path)
    {
        CloudEvent? output = await new MinuteSwitchStep().InvokeAsync(At("2026-12-02T23:08:00Z"), Env("CASES", cases) with { Path = path }, default);

        Assert.Null(output);
    }
}
