using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Steps;

/// <summary>
/// A sample in-app step: upper-cases the <c>message</c> of a JSON event. The culture comes from the
/// Service's <c>CULTURE</c> env (as a container would read its env), invariant by default.
/// Pure function of its input, so a replay yields the same output. Data it cannot take is refused
/// by <see cref="MessagePayload.Parse"/> with a <see cref="StepFailedException"/> (400: not retried,
/// dead-lettered); a step of your own refuses bad input the same way, its message saying why
/// without quoting the data.
/// </summary>
public sealed class UppercaseStep : ISequenceStep
{
    /// <summary>The name Services use in <c>functionssequence.dev/step</c>.</summary>
    public const string Name = "uppercase";

    /// <inheritdoc />
    public static string? CheckEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            _ = Culture(environment);
            return null;
        }
        catch (CultureNotFoundException)
        {
            return $"env CULTURE '{environment["CULTURE"]}' is not a culture this machine knows (a name such as 'en-US' or 'tr-TR')";
        }
    }

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        CultureInfo culture = Culture(context.Environment);
        JsonObject payload = MessagePayload.Parse(input, required: true, out string message);
        payload[MessagePayload.MessageProperty] = message.ToUpper(culture);
        CloudEvent output = CloudEventFactory.Copy(input);
        output.DataContentType = "application/json";
        output.Data = JsonSerializer.SerializeToElement(payload);
        return ValueTask.FromResult<CloudEvent?>(output);
    }

    private static CultureInfo Culture(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("CULTURE", out string? name) ? CultureInfo.GetCultureInfo(name) : CultureInfo.InvariantCulture;
}
