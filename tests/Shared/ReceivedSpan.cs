namespace FunctionsSequence.Tests.Shared;

/// <summary>A span as an OTLP exporter sent it: ids in lower-case hex, the parent empty for a root.</summary>
internal sealed record ReceivedSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, ulong StartNanos, IReadOnlyDictionary<string, string> Attributes);
