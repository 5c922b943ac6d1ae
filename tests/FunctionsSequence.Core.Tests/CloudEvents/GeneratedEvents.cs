using System.Text.Json;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Tests.CloudEvents;

/// <summary>Random events for differential tests (a fixed seed in each test, so a failure repeats).</summary>
internal static class GeneratedEvents
{
    // Awkward text for attribute values (which may not hold control characters; data gets a line break).
    private static readonly string[] Texts = ["a", "é ü", "<&>'\"+", "\u2028", "𝄞", "x y", "/p?q=1&r=<2>"];

    /// <summary>An event of a random shape: optional attributes, typed extensions, every kind of data.</summary>
    public static CloudEvent Next(Random random)
    {
        string Text() => Texts[random.Next(Texts.Length)];
        CloudEventAttribute[] extensions =
        [
            CloudEventAttribute.CreateExtension("count", CloudEventAttributeType.Integer),
            CloudEventAttribute.CreateExtension("flag", CloudEventAttributeType.Boolean),
            CloudEventAttribute.CreateExtension("when", CloudEventAttributeType.Timestamp),
            CloudEventAttribute.CreateExtension("link", CloudEventAttributeType.Uri),
            CloudEventAttribute.CreateExtension("blob", CloudEventAttributeType.Binary),
        ];
        var cloudEvent = new CloudEvent(extensions)
        {
            Id = "id" + Text(),
            Source = new Uri("/s/" + Uri.EscapeDataString(Text()), UriKind.Relative),
            Type = "t" + Text(),
        };
        if (random.Next(2) == 0)
        {
            cloudEvent.Subject = "s" + Text();
            cloudEvent.Time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(random.Next(-12, 13))).AddTicks(random.Next(10_000_000));
            cloudEvent.DataSchema = new Uri("https://example.com/" + Uri.EscapeDataString(Text()));
        }

        if (random.Next(2) == 0)
        {
            cloudEvent["count"] = random.Next(-1000, 1000);
            cloudEvent["flag"] = random.Next(2) == 0;
            cloudEvent["when"] = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero).AddTicks(random.Next());
            cloudEvent["link"] = new Uri("urn:" + Uri.EscapeDataString("a" + Text()));
            cloudEvent["blob"] = new byte[] { 1, 2, (byte)random.Next(256) };
            cloudEvent["text"] = "v" + Text();
        }

        string item = JsonSerializer.Serialize(Text() + "\nbreak");
        (cloudEvent.DataContentType, cloudEvent.Data) = random.Next(6) switch
        {
            0 => (null, null),
            1 => ("application/json", JsonDocument.Parse($$"""{"m":{{item}},"n":{{random.Next()}},"l":[{{item}},null,true,1.5]}""").RootElement.Clone()),
            2 => ("text/plain", Text() + "\nbreak"),
            3 => ("application/octet-stream", new byte[] { 0, 1, (byte)random.Next(256), (byte)random.Next(256) }),
            4 => (null, Text()),
            _ => ("application/vnd.x+json; charset=utf-8", (object)JsonDocument.Parse($"[1,{item}]").RootElement.Clone()),
        };
        return cloudEvent;
    }
}
