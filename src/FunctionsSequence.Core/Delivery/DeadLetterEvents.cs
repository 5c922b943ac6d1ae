using System.Globalization;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Builds the event a dead-letter sink gets: the failed hop's input, with Knative's error extensions.</summary>
public static class DeadLetterEvents
{
    /// <summary>
    /// <c>knativeerrordata</c> holds at most this many bytes of the response body: 1024 characters of base64, where Knative's
    /// dispatcher means to cut the encoded text (KnativeErrorDataExtensionMaxLength).
    /// </summary>
    public const int MaxErrorDataBytes = 768;

    /// <summary>The input event with <c>knativeerrordest</c>, <c>knativeerrorcode</c> and <c>knativeerrordata</c>.</summary>
    public static CloudEvent Create(DeadLetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event);
        cloudEvent.SetAttributeFromString("knativeerrordest", input.FailedDestination);
        cloudEvent.SetAttributeFromString("knativeerrorcode", CodeOf(input.Failure).ToString(CultureInfo.InvariantCulture));

        string data = input.Failure.ResponseBody ?? input.Failure.Error ?? string.Empty;
        if (data.Length > 0)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(data);
            cloudEvent.SetAttributeFromString("knativeerrordata", Convert.ToBase64String(bytes, 0, Math.Min(bytes.Length, MaxErrorDataBytes)));
        }

        return cloudEvent;
    }

    /// <summary>
    /// The failure's HTTP status; 500 when no answer came (a connection refused or reset, a name that does not
    /// resolve), as Knative's dispatcher records a request that failed without a response (kncloudevents executeRequest).
    /// </summary>
    private static int CodeOf(DeliveryResult failure) => failure.StatusCode > 0 ? failure.StatusCode : (int)System.Net.HttpStatusCode.InternalServerError;
}
