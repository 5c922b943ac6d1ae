using System.Text.Json;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Tests;

internal static class Events
{
    public static CloudEvent Json(string data, string type = "dev.knative.cronjob.event", string id = "e-1") => new()
    {
        Id = id,
        Source = new Uri("/apis/v1/namespaces/default/cronjobsources/cronjob-source", UriKind.Relative),
        Type = type,
        DataContentType = "application/json",
        Data = JsonDocument.Parse(data).RootElement.Clone(),
    };
}
