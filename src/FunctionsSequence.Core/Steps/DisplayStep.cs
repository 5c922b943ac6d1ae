using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Telemetry;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// Knative's event_display: prints the event and replies with nothing. A replayed delivery of the
/// very same event to the same display is recognised in the ledger and not printed again.
/// </summary>
public sealed class DisplayStep(IEventDisplaySink sink, IDisplayLedger ledger, string serviceName) : ISequenceStep
{
    private readonly string spanName = $"display {serviceName}";

    /// <inheritdoc />
    public async ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using Activity? span = EventTrace.StartHop(spanName, ActivityKind.Consumer, input);
        await ShowAsync(EventDisplayFormatter.Format(input), cancellationToken);
        return null;
    }

    /// <summary>
    /// Prints a display block (from <see cref="EventDisplayFormatter"/>) unless this display printed
    /// it already: the block names the event (id, source, every attribute, the data), so the same
    /// block again is the same event delivered again.
    /// </summary>
    public ValueTask ShowAsync(string block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        return ShowAsync(block, CloudEventJson.OverUtf8(block, serviceName, KeyOf), cancellationToken);
    }

    /// <summary>
    /// <see cref="ShowAsync(string, CancellationToken)"/> for an event as it travels, structured-mode
    /// JSON: formatted and keyed from its UTF-8 text in one pass (this runs per displayed event).
    /// </summary>
    public async ValueTask ShowStructuredAsync(string structured, CancellationToken cancellationToken)
    {
        using Activity? span = EventTrace.StartHop(spanName, ActivityKind.Consumer, structured);
        (string block, string key) = EventDisplayFormatter.FormatStructured(structured, serviceName, static (utf8, service) => (Encoding.UTF8.GetString(utf8), KeyOf(utf8, service)));
        await ShowAsync(block, key, cancellationToken);
    }


    private async ValueTask ShowAsync(string block, string key, CancellationToken cancellationToken)
    {
        if (await ledger.SeenAsync(key, cancellationToken))
        {
            return;
        }

        sink.Write(block);
        await ledger.RecordAsync(key, cancellationToken);
    }

    /// <summary>The ledger key: the display's name and a hash of the block's UTF-8 text.</summary>
    private static string KeyOf(ReadOnlySpan<byte> utf8Block, string service)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8Block, hash);
        return $"{service}-{Convert.ToHexStringLower(hash)}";
    }
}
