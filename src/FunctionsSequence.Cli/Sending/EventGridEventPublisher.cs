using System.Text.Json;
using Azure;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using CloudNative.CloudEvents;
using FunctionsSequence.Cli.Commands;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// Publishes an event to an Event Grid topic with the Azure SDK: signed in through Entra ID
/// (DefaultAzureCredential: az login, environment, managed identity...), or with a topic access
/// key (aeg-sas-key) when one is given.
/// </summary>
internal static class EventGridEventPublisher
{
    /// <summary>True for an Event Grid topic endpoint (<c>https://TOPIC.REGION-1.eventgrid.azure.net/api/events</c>).</summary>
    public static bool IsTopic(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Host.EndsWith(".eventgrid.azure.net", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How the topic is signed in to, for what fseq prints.</summary>
    public static string Credential(string? key) => key is null ? "Entra ID" : "access key";

    /// <exception cref="AuthenticationFailedException">No Entra ID credential could be had.</exception>
    /// <exception cref="HttpRequestException">The topic could not be reached.</exception>
    public static async Task<PublishResult> PublishAsync(Uri to, CloudEvent cloudEvent, string? key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        // The endpoint without its path (as the portal shows a topic) means the publish path.
        Uri endpoint = to.AbsolutePath == "/" ? new Uri(to, "/api/events") : to;
        // One event from a command line: a retry, not the SDK's three with back-off; each try waits as long as --timeout says.
        var options = new EventGridPublisherClientOptions { Retry = { MaxRetries = 1, NetworkTimeout = timeout } };
        EventGridPublisherClient client = key is null
            ? new EventGridPublisherClient(endpoint, new DefaultAzureCredential(), options)
            : new EventGridPublisherClient(endpoint, new AzureKeyCredential(key), options);
        try
        {
            Response response = await client.SendEventAsync(ToAzure(cloudEvent), cancellationToken);
            return new PublishResult(true, $"{response.Status} {response.ReasonPhrase}");
        }
        catch (RequestFailedException ex) when (ex.Status != 0)
        {
            return new PublishResult(false, $"{ex.Status} {ex.ErrorCode}".TrimEnd(), ex.FirstLine());
        }
        catch (Exception ex) when ((ex is RequestFailedException or AggregateException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            // No answer at all, on every try. Every try out of time is a timeout in the command's
            // words, not the SDK's (which names its own setting); otherwise the first try's reason.
            Exception[] tries = ex is AggregateException all ? [.. all.InnerExceptions] : [ex];
            throw tries.All(t => t is TaskCanceledException)
                ? AppRequests.NoAnswer(endpoint, timeout, tries.Length > 1 ? $", on each of {tries.Length} tries" : string.Empty, tries[0])
                : new HttpRequestException(tries[0].Message, tries[0]);
        }
    }

    /// <summary>The same event for the Azure SDK: JSON data stays JSON, text goes as a JSON string.</summary>
    internal static Azure.Messaging.CloudEvent ToAzure(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        BinaryData? data = cloudEvent.Data switch
        {
            null => null,
            JsonElement json => BinaryData.FromString(json.GetRawText()),
            string text => BinaryData.FromObjectAsJson(text),
            _ => BinaryData.FromBytes(CloudEventJson.GetDataBytes(cloudEvent)),
        };
        Azure.Messaging.CloudEventDataFormat format = cloudEvent.Data is JsonElement or string ? Azure.Messaging.CloudEventDataFormat.Json : Azure.Messaging.CloudEventDataFormat.Binary;
        var azure = new Azure.Messaging.CloudEvent(cloudEvent.Source!.ToString(), cloudEvent.Type!, data, cloudEvent.DataContentType, format)
        {
            Id = cloudEvent.Id!,
            Time = cloudEvent.Time,
            Subject = cloudEvent.Subject,
            DataSchema = cloudEvent.DataSchema?.ToString(),
        };
        foreach ((CloudEventAttribute attribute, object value) in cloudEvent.GetPopulatedAttributes().Where(a => a.Key.IsExtension))
        {
            azure.ExtensionAttributes[attribute.Name] = attribute.Format(value);
        }

        return azure;
    }
}
