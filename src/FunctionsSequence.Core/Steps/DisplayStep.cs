using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// Knative's event_display: prints the event and replies with nothing. A replayed delivery of the
/// very same event to the same display is recognised in the ledger and not printed again.
/// </summary>
public sealed class DisplayStep(IEventDisplaySink sink, IDisplayLedger ledger, string serviceName) : ISequenceStep
{
    /// <inheritdoc />
    public async ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await ShowAsync(EventDisplayFormatter.Format(input), cancellationToken);
        return null;
    }

    /// <summary>
    /// Prints a display block (from <see cref="EventDisplayFormatter"/>) unless this display printed
    /// it already: the block names the event (id, source, every attribute, the data), so the same
    /// block again is the same event delivered again.
    /// </summary>
    public async ValueTask ShowAsync(string block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        string key = $"{serviceName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(block)))}";
        if (await ledger.SeenAsync(key, cancellationToken))
        {
            return;
        }

        sink.Write(block);
        await ledger.RecordAsync(key, cancellationToken);
    }
}
