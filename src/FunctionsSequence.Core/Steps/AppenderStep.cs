using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// The appender samples: append a text to the <c>message</c> of <c>{"id": .., "message": ".."}</c> data and
/// keep id, source, time and extensions. Deterministic, so replays are harmless. The seed's step image
/// (<c>STEP=N</c>) appends <c> - Handled by N</c>, keeps the data's other fields and sets
/// <c>type: samples.http.mod3</c>; Knative's <c>cmd/appender</c> appends <c>MESSAGE</c>, sets the type to
/// <c>TYPE</c> when that is set (else keeps it) and answers with its struct re-encoded, <c>{"id": N, "message": ".."}</c>
/// (see <see cref="AppenderPayload"/>).
/// </summary>
public sealed class AppenderStep : ISequenceStep
{
    /// <summary>The type every event the seed's step image appends to gets.</summary>
    public const string OutputType = "samples.http.mod3";

    /// <summary>What Knative's appender appends when its Service sets no <c>MESSAGE</c>.</summary>
    public const string DefaultMessage = "boring default msg, change me with env[MESSAGE]";

    private readonly string suffix;
    private readonly string? type;
    private readonly bool asStruct;

    /// <summary>The seed's step image with <c>STEP=<paramref name="handledBy"/></c>.</summary>
    public AppenderStep(string handledBy)
        : this($" - Handled by {handledBy}", OutputType, asStruct: false)
    {
    }

    private AppenderStep(string suffix, string? type, bool asStruct)
    {
        this.suffix = suffix;
        this.type = type;
        this.asStruct = asStruct;
    }

    /// <summary>Knative's appender with env <c>MESSAGE</c> (null when unset) and <c>TYPE</c> (null or empty: keep the type).</summary>
    public static AppenderStep Knative(string? message, string? type) =>
        new(message ?? DefaultMessage, string.IsNullOrEmpty(type) ? null : type, asStruct: true);

    /// <summary>The appender a Service running <paramref name="image"/> (a built-in appender image) with <paramref name="environment"/> is.</summary>
    public static AppenderStep For(string image, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return BuiltInImages.IsStepAppender(image)
            ? new AppenderStep(environment["STEP"])
            : Knative(environment.GetValueOrDefault("MESSAGE"), environment.GetValueOrDefault("TYPE"));
    }

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonElement data;
        if (asStruct)
        {
            (long id, string message) = AppenderPayload.Read(input);
            data = AppenderPayload.Write(id, message + suffix);
        }
        else
        {
            JsonObject payload = MessagePayload.Parse(input, required: false, out string message);
            payload[MessagePayload.MessageProperty] = message + suffix; // in place, other fields kept as they came; a new message goes last
            data = JsonSerializer.SerializeToElement(payload);
        }

        CloudEvent output = CloudEventFactory.Copy(input);
        output.Type = type ?? input.Type;
        if (CloudEventAttributes.DataContentType(output) != MediaTypes.Json)
        {
            output.DataContentType = MediaTypes.Json; // set only when it changes: each set parses the media type
        }
        output.Data = data;
        return ValueTask.FromResult<CloudEvent?>(output);
    }
}
