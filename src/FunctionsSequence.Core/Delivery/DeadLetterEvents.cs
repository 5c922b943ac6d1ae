using System.Globalization;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Builds the event a dead-letter sink gets: the failed hop's input, with Knative's error extensions.</summary>
public static class DeadLetterEvents
{
    /// <summary>The input event with <c>knativeerrordest</c>, <c>knativeerrorcode</c> and <c>knativeerrordata</c>.</summary>
    public static CloudEvent Create(DeadLetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event);
        cloudEvent.SetAttributeFromString("knativeerrordest", input.FailedDestination);
        cloudEvent.SetAttributeFromString("knativeerrorcode", CodeOf(input.Failure).ToString(CultureInfo.InvariantCulture));

        // An HTTP answer's bytes as they came, as Knative encodes them; else the app's own words, in UTF-8.
        if (input.Failure.ResponseData is { } answered)
        {
            if (answered.Length > 0)
            {
                cloudEvent.SetAttributeFromString("knativeerrordata", answered);
            }
        }
        else if (Encoding.UTF8.GetBytes(input.Failure.ResponseBody ?? input.Failure.Error ?? string.Empty) is { Length: > 0 } bytes)
        {
            cloudEvent.SetAttributeFromString("knativeerrordata", Convert.ToBase64String(bytes, 0, Math.Min(bytes.Length, StepFailedException.MaxResponseBytes)));
        }

        return cloudEvent;
    }

    /// <summary>
    /// The failure's HTTP status; 500 when no answer came (a connection refused or reset, a name that does not
    /// resolve), as Knative's dispatcher records a request that failed without a response (kncloudevents executeRequest).
    /// </summary>
    private static int CodeOf(DeliveryResult failure) => failure.StatusCode > 0 ? failure.StatusCode : (int)System.Net.HttpStatusCode.InternalServerError;
}
