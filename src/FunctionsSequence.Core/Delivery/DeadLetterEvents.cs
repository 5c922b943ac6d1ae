using System.Globalization;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Delivery;

/// <summary>Builds the event a dead-letter sink gets: the failed hop's input, with Knative's error extensions.</summary>
public static class DeadLetterEvents
{
    /// <summary><c>knativeerrordata</c> holds at most this many bytes of the response body.</summary>
    public const int MaxErrorDataBytes = 1024;

    /// <summary>The input event with <c>knativeerrordest</c>, <c>knativeerrorcode</c> and <c>knativeerrordata</c>.</summary>
    public static CloudEvent Create(DeadLetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CloudEvent cloudEvent = CloudEventJson.Decode(input.Event);
        cloudEvent.SetAttributeFromString("knativeerrordest", input.FailedDestination);
        if (input.Failure.StatusCode > 0)
        {
            cloudEvent.SetAttributeFromString("knativeerrorcode", input.Failure.StatusCode.ToString(CultureInfo.InvariantCulture));
        }

        string data = input.Failure.ResponseBody ?? input.Failure.Error ?? string.Empty;
        if (data.Length > 0)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(data);
            cloudEvent.SetAttributeFromString("knativeerrordata", Convert.ToBase64String(bytes, 0, Math.Min(bytes.Length, MaxErrorDataBytes)));
        }

        return cloudEvent;
    }
}
