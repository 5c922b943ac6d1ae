using Google.Protobuf;

namespace FunctionsSequence.Tests.Shared;

/// <summary>
/// Reads the spans of an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry-proto's
/// trace_service.proto and trace.proto) from the protobuf wire format: only the fields the tests
/// look at, by their field numbers; everything else is skipped.
/// </summary>
internal static class OtlpTraceDecoder
{
    public static List<ReceivedSpan> Decode(byte[] body)
    {
        var spans = new List<ReceivedSpan>();
        Fields(body, (field, input) =>
        {
            if (field == 1)
            {
                ResourceSpans(input.ReadBytes(), spans); // ExportTraceServiceRequest.resource_spans
                return true;
            }

            return false;
        });
        return spans;
    }

    private static void ResourceSpans(ByteString bytes, List<ReceivedSpan> spans) => Fields(bytes.ToByteArray(), (field, input) =>
    {
        if (field == 2)
        {
            ScopeSpans(input.ReadBytes(), spans); // ResourceSpans.scope_spans
            return true;
        }

        return false;
    });

    private static void ScopeSpans(ByteString bytes, List<ReceivedSpan> spans)
    {
        string scope = string.Empty;
        var raw = new List<ByteString>();
        Fields(bytes.ToByteArray(), (field, input) =>
        {
            switch (field)
            {
                case 1: scope = ScopeName(input.ReadBytes()); return true; // ScopeSpans.scope
                case 2: raw.Add(input.ReadBytes()); return true; // ScopeSpans.spans
                default: return false;
            }
        });
        spans.AddRange(raw.Select(span => Span(scope, span)));
    }

    private static string ScopeName(ByteString bytes)
    {
        string name = string.Empty;
        Fields(bytes.ToByteArray(), (field, input) =>
        {
            if (field == 1)
            {
                name = input.ReadString(); // InstrumentationScope.name
                return true;
            }

            return false;
        });
        return name;
    }

    private static ReceivedSpan Span(string scope, ByteString bytes)
    {
        string traceId = string.Empty, spanId = string.Empty, parent = string.Empty, name = string.Empty;
        ulong start = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        Fields(bytes.ToByteArray(), (field, input) =>
        {
            switch (field)
            {
                case 1: traceId = Hex(input.ReadBytes()); return true;
                case 2: spanId = Hex(input.ReadBytes()); return true;
                case 4: parent = Hex(input.ReadBytes()); return true;
                case 5: name = input.ReadString(); return true;
                case 7: start = input.ReadFixed64(); return true;
                case 9: Attribute(input.ReadBytes(), attributes); return true;
                default: return false;
            }
        });
        return new ReceivedSpan(scope, traceId, spanId, parent, name, start, attributes);
    }

    private static void Attribute(ByteString bytes, Dictionary<string, string> attributes)
    {
        string key = string.Empty, value = string.Empty;
        Fields(bytes.ToByteArray(), (field, input) =>
        {
            switch (field)
            {
                case 1: key = input.ReadString(); return true; // KeyValue.key
                case 2: value = StringValue(input.ReadBytes()); return true; // KeyValue.value (AnyValue)
                default: return false;
            }
        });
        attributes[key] = value;
    }

    private static string StringValue(ByteString bytes)
    {
        string value = string.Empty;
        Fields(bytes.ToByteArray(), (field, input) =>
        {
            switch (field)
            {
                case 1: value = input.ReadString(); return true; // AnyValue.string_value
                case 3: value = input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture); return true; // AnyValue.int_value
                default: return false;
            }
        });
        return value;
    }

    /// <summary>Calls <paramref name="read"/> for each field; a field it does not read (false) is skipped.</summary>
    private static void Fields(byte[] message, Func<int, CodedInputStream, bool> read)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!read(WireFormat.GetTagFieldNumber(tag), input))
            {
                input.SkipLastField();
            }
        }
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
