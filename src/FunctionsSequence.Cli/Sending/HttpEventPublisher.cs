using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// Posts an event in binary mode (attributes as ce-* headers, data as the body), as
/// <c>kn event send</c> does through the CloudEvents Go SDK's default; for a Sequence, Broker or
/// Service route of fseq or of a Functions app, which takes a function key in x-functions-key.
/// </summary>
internal static class HttpEventPublisher
{
    private const int MaxProblemLength = 500;

    /// <exception cref="HttpRequestException">The target could not be reached.</exception>
    /// <exception cref="TimeoutException">The target did not answer within <paramref name="timeout"/>.</exception>
    public static async Task<PublishResult> PublishAsync(Uri to, CloudEvent cloudEvent, string? functionKey, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = timeout };
        using HttpRequestMessage request = CloudEventHttpWriter.CreateBinaryRequest(to, cloudEvent).WithKey(functionKey);

        using HttpResponseMessage response = await http.AskAsync(request, cancellationToken);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        string status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (!response.IsSuccessStatusCode)
        {
            return new PublishResult(false, status + AppRequests.KeyHint(response.StatusCode, functionKey, to), Problem(response, body));
        }

        CloudEventRead reply = CloudEventHttpWriter.ParseReply(response, body);
        return new PublishResult(true, status, Problem: reply.Problem, Reply: reply.Events?[0]);
    }

    /// <summary>A problem+json body's detail (or title); else the start of the body as text.</summary>
    private static string? Problem(HttpResponseMessage response, byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json")
        {
            try
            {
                using JsonDocument problem = JsonDocument.Parse(body);
                foreach (string field in new[] { "detail", "title" })
                {
                    if (problem.RootElement.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                // Not the problem it says it is: show the text.
            }
        }

        string text = Encoding.UTF8.GetString(body).Trim();
        return text.Length <= MaxProblemLength ? text : text[..MaxProblemLength] + "...";
    }
}
