using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// The appender samples: append a text to the <c>message</c> of <c>{"id": .., "message": ".."}</c> data and
/// keep id, source, time and extensions. Deterministic, so replays are harmless. The seed's step image
/// (<c>STEP=N</c>) appends <c> - Handled by N</c>, keeps the data's other fields and sets
/// <c>type: samples.http.mod3</c>; Knative's <c>cmd/appender</c> appends <c>MESSAGE</c>, sets the type to
/// <c>TYPE</c> when that is set (else keeps it) and answers with its struct re-encoded, <c>{"id": N, "message": ".."}</c>
/// (see <see cref="AppenderPayload"/>), and logs each event it received and what it made of it, as that sample does.
/// </summary>
public sealed partial class AppenderStep : ISequenceStep
{
    /// <summary>The type every event the seed's step image appends to gets.</summary>
    public const string OutputType = "samples.http.mod3";

    /// <summary>What Knative's appender appends when its Service sets no <c>MESSAGE</c>.</summary>
    public const string DefaultMessage = "boring default msg, change me with env[MESSAGE]";

    private readonly string suffix;
    private readonly string? type;
    private readonly bool asStruct;
    private readonly ILogger? logger;

    /// <summary>The seed's step image with <c>STEP=<paramref name="handledBy"/></c>.</summary>
    public AppenderStep(string handledBy)
        : this($" - Handled by {handledBy}", OutputType, asStruct: false, logger: null)
    {
    }

    private AppenderStep(string suffix, string? type, bool asStruct, ILogger? logger)
    {
        this.suffix = suffix;
        this.type = type;
        this.asStruct = asStruct;
        this.logger = logger;
    }

    /// <summary>
    /// Knative's appender with env <c>MESSAGE</c> (null when unset) and <c>TYPE</c> (null or empty: keep the type),
    /// logging to <paramref name="logger"/> what it receives and answers, as the sample logs it.
    /// </summary>
    public static AppenderStep Knative(string? message, string? type, ILogger? logger = null) =>
        new(message ?? DefaultMessage, string.IsNullOrEmpty(type) ? null : type, asStruct: true, logger);

    /// <summary>The appender a Service running <paramref name="image"/> (a built-in appender image) with <paramref name="environment"/> is.</summary>
    public static AppenderStep For(string image, IReadOnlyDictionary<string, string> environment, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return BuiltInImages.IsStepAppender(image)
            ? new AppenderStep(environment["STEP"])
            : Knative(environment.GetValueOrDefault("MESSAGE"), environment.GetValueOrDefault("TYPE"), logger);
    }

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        JsonElement data;
        if (asStruct)
        {
            (long id, string message) = AppenderPayload.Read(input);
            string appended = message + suffix;
            if (logger is not null && logger.IsEnabled(LogLevel.Information))
            {
                string time = CloudEventAttributes.Lookup(input, "time") ?? string.Empty;
                (string received, string made) = (Escaped(message), Escaped(appended));
                LogReceived(logger, context.ServiceName, time, input.Source?.OriginalString, input.Type, id, received);
                LogTransformed(logger, context.ServiceName, time, input.Source?.OriginalString, type ?? input.Type, id, made);
            }

            data = AppenderPayload.Write(id, appended);
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

    // The message comes from event data: a control character (a line break could forge a log line) is written as its escape.
    private static string Escaped(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : text;

    // As Knative's appender logs them ("Received a new event:", "Transform the event to:"), a line each: [time] source type: &{Sequence:id Message:...}.
    [LoggerMessage(EventId = 1409, Level = LogLevel.Information, Message = "Service/{Service}: received a new event: [{Time}] {Source} {Type}: &{{Sequence:{Id} Message:{Message}}}")]
    private static partial void LogReceived(ILogger logger, string service, string time, string? source, string? type, long id, string message);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "Service/{Service}: transform the event to: [{Time}] {Source} {Type}: &{{Sequence:{Id} Message:{Message}}}")]
    private static partial void LogTransformed(ILogger logger, string service, string time, string? source, string? type, long id, string message);
}
