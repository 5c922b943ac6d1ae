using System.CommandLine;
using System.Text.Json;
using Azure.Identity;
using CloudNative.CloudEvents;
using FunctionsSequence.Cli.Sending;
using FunctionsSequence.Core.Display;

using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// <c>fseq send</c>: publish one CloudEvent, with <c>kn event send</c>'s flags, to an fseq or
/// Functions app route (binary mode) or an Event Grid topic (the Azure SDK). Prints the event as
/// event-display does and what the target answered; a refusal or no answer exits 1.
/// </summary>
internal static class SendCommand
{
    /// <summary>Attributes that have their own flag, so --extension may not set them.</summary>
    private static readonly string[] OwnFlags = ["specversion", "id", "source", "type", "data"];

    public static Command Create()
    {
        var command = new Command("send", "Send one CloudEvent to a Sequence, Parallel, Broker or Service route of fseq or a Functions app (binary mode, as kn event send), or to an Event Grid topic endpoint (signed in with Entra ID, or --key); print it and the answer.");
        CheckedOption<Uri?> to = new("--to", "an http or https URL, such as http://127.0.0.1:7071/api/brokers/default, or a resource as kn event send names one, such as Broker:eventing.knative.dev/v1:default, Sequence:flows.knative.dev/v1:NAME or broker:default", words =>
            words is [string word] && SendTarget.Parse(word) is { } uri ? (true, uri) : (false, null))
        {
            Description = "where to send: a route such as http://127.0.0.1:7071/api/brokers/default, an Event Grid topic endpoint (https://TOPIC.REGION-1.eventgrid.azure.net/api/events), or a resource as kn event send names one (Broker:eventing.knative.dev/v1:NAME, Sequence:flows.knative.dev/v1:NAME, broker:NAME, ksvc:NAME or NAME for a Service), sent to its route on the app at --url",
            HelpName = "URL|RESOURCE",
        };
        to.Aliases.Add("--to-url");
        CheckedOption<string?> type = CommandOptions.Text("--type", "an event type", "TYPE", "the event's type");
        type.DefaultValueFactory = _ => "dev.knative.cli.plugin.event.generic";
        CheckedOption<string?> source = CommandOptions.Text("--source", "a URI reference, such as /my/app", "SOURCE", "the event's source");
        source.DefaultValueFactory = _ => "fseq/send";
        CheckedOption<string?> id = CommandOptions.Text("--id", "an event id", "ID", "the event's id [default: a new UUID]");
        CheckedOption<string?> data = CommandOptions.Text("--data", "the event's data", "DATA", "the event's data: JSON (sent as application/json) or else text (text/plain); none when absent");
        CheckedOption<KeyValuePair<string, string>[]> extensions = Pairs(
            "--extension", "NAME=VALUE, NAME of lower-case letters and digits", IsAttributeName, "an extension attribute (or subject, time, dataschema, datacontenttype), NAME=VALUE; repeatable");
        CheckedOption<KeyValuePair<string, string>[]> field = Pairs(
            "--field", "NAME=VALUE", name => name.Length > 0, "a field of the event's JSON data, NAME=VALUE: NAME.NAME nests, a VALUE true, false, an integer or a decimal with six places is taken as such (as kn event send takes it: 2345.40 stays text), an object or array as JSON, else as text; repeatable");
        field.Aliases.Add("-f");
        CheckedOption<KeyValuePair<string, string>[]> rawField = Pairs("--raw-field", "NAME=VALUE", name => name.Length > 0, "as --field, its VALUE always text; repeatable");
        CheckedOption<string?> key = CommandOptions.Text("--key", "a key", "KEY", $"an Event Grid topic access key (aeg-sas-key) instead of Entra ID, or a Functions app function key (x-functions-key) [default for an app: ${CommandOptions.KeyVariable}]");
        CheckedOption<int> timeout = CommandOptions.AnswerTimeout("the target's");
        CheckedOption<Uri?> url = CommandOptions.AppUrl("with --to RESOURCE: the fseq or Functions app it is on, as fseq run --port or a deployed app's address says");
        foreach (Option option in new Option[] { to, type, source, id, data, field, rawField, extensions, key, timeout, url })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(to) is null)
            {
                result.AddError("send needs --to URL (a Sequence, Parallel, Broker or Service route, or an Event Grid topic endpoint) or --to RESOURCE (Broker:eventing.knative.dev/v1:NAME)");
            }

            if (result.GetResult(url) is not null && result.ValueIfValid(to) is { IsAbsoluteUri: true })
            {
                result.AddError("--url names the app a --to RESOURCE is on; --to URL is a whole address already");
            }

            if (result.GetResult(data) is not null && (result.GetResult(field) ?? result.GetResult(rawField)) is not null)
            {
                result.AddError("--data and --field (or --raw-field) both give the event's data: use one");
            }

            // From the words as given: a malformed --extension has its own error, and no value.
            IEnumerable<string> names = result.GetResult(extensions)?.Tokens.Select(t => t.Value.Split('=')[0]) ?? [];
            foreach (string name in names.Where(OwnFlags.Contains))
            {
                result.AddError(name == "specversion" ? "--extension cannot set specversion: fseq sends CloudEvents 1.0" : $"--extension cannot set {name}: use --{name}");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            CloudEvent cloudEvent;
            try
            {
                IEnumerable<(string, string, string)> fields = (parsed.GetValue(field) ?? []).Select(f => ("--field", f.Key, f.Value))
                    .Concat((parsed.GetValue(rawField) ?? []).Select(f => ("--raw-field", f.Key, f.Value)));
                object? dataValue = fields.Any() ? DataFields.Build(fields) : parsed.GetValue(data);
                cloudEvent = Build(parsed.GetValue(id) ?? Guid.NewGuid().ToString(), parsed.GetValue(type)!, parsed.GetValue(source)!, dataValue, parsed.GetValue(extensions) ?? []);
            }
            catch (ArgumentException ex)
            {
                return Task.FromResult(CommandLine.ReportUsageErrors(parsed, [ex.Message]));
            }

            Uri target = parsed.GetRequiredValue(to)!;
            return SendAsync(target.IsAbsoluteUri ? target : new Uri(parsed.GetValue(url) ?? CommandOptions.LocalApp, target), cloudEvent, parsed.GetValue(key), TimeSpan.FromSeconds(parsed.GetValue(timeout)), cancellationToken);
        });
        return command;
    }

    /// <summary>A repeatable NAME=VALUE option whose NAMEs pass <paramref name="nameOk"/>.</summary>
    private static CheckedOption<KeyValuePair<string, string>[]> Pairs(string name, string needs, Func<string, bool> nameOk, string description) =>
        new(name, needs, words =>
            words.Select(w => w.Split('=', 2)).ToList() is var pairs && pairs.All(p => p.Length == 2 && nameOk(p[0]))
                ? (true, [.. pairs.Select(p => KeyValuePair.Create(p[0], p[1]))])
                : (false, []))
        {
            Description = description,
            HelpName = "NAME=VALUE",
        };

    /// <summary>The event; its data text (JSON is sent as application/json, else as text/plain) or the JSON of --field.</summary>
    private static CloudEvent Build(string id, string type, string source, object? data, KeyValuePair<string, string>[] extensions)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Type = type,
            Source = Uri.TryCreate(source, UriKind.RelativeOrAbsolute, out Uri? uri) ? uri : throw new ArgumentException($"--source needs a URI reference, such as /my/app, not '{source}'"),
            Time = DateTimeOffset.UtcNow,
        };
        if (data is JsonElement fields)
        {
            (cloudEvent.DataContentType, cloudEvent.Data) = ("application/json", fields);
        }
        else if (data is string text)
        {
            (cloudEvent.DataContentType, cloudEvent.Data) = ParseJson(text) is { } json ? ("application/json", (object)json) : ("text/plain", text);
        }

        foreach ((string name, string value) in extensions)
        {
            try
            {
                cloudEvent.SetAttributeFromString(name, value);
            }
            catch (ArgumentException ex)
            {
                string expected = name switch
                {
                    "time" => "; time is an RFC 3339 timestamp, such as 2026-12-04T19:00:00Z",
                    "dataschema" => "; dataschema is an absolute URI, such as https://example.com/schema.json",
                    _ => string.Empty,
                };
                throw new ArgumentException($"--extension {name}={value}: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}{expected}", ex);
            }
        }

        return cloudEvent;
    }

    private static async Task<int> SendAsync(Uri to, CloudEvent cloudEvent, string? key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Console.Out.Write(EventDisplayFormatter.Format(cloudEvent));
        bool topic = EventGridEventPublisher.IsTopic(to);
        string shown = ShownUri.Of(to);
        key ??= topic ? null : CommandOptions.KeyFromEnvironment; // a topic takes Entra ID unless given its own key
        string how = topic ? $"to Event Grid topic {shown} ({EventGridEventPublisher.Credential(key)})" : $"to {shown} in binary mode";
        PublishResult result;
        try
        {
            result = topic
                ? await EventGridEventPublisher.PublishAsync(to, cloudEvent, key, timeout, cancellationToken)
                : await HttpEventPublisher.PublishAsync(to, cloudEvent, key, timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            Console.Error.WriteLine($"fseq: {ex.Message}");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"fseq: cannot reach {shown}: {ex.Message}{(to.IsLoopback ? " (is fseq run listening there?)" : string.Empty)}");
            return 1;
        }
        catch (AuthenticationFailedException ex)
        {
            Console.Error.WriteLine($"fseq: no Entra ID credential for {to.Host}: {ex.FirstLine()} (sign in with az login, or pass --key with a topic access key)");
            return 1;
        }

        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"fseq: sent {how}: {result.Status}{(result.Problem is { } problem ? $": {problem}" : string.Empty)}");
            return 1;
        }

        Console.Out.WriteLine($"Sent {how}: {result.Status}");
        if (result.Reply is { } reply)
        {
            Console.Out.WriteLine("Reply:");
            Console.Out.Write(EventDisplayFormatter.Format(reply));
        }
        else if (result.Problem is { } invalid)
        {
            Console.Error.WriteLine($"fseq: the reply is not a valid CloudEvent: {invalid}");
        }

        return 0;
    }

    private static JsonElement? ParseJson(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsAttributeName(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
