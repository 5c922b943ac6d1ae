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
        // The printed block names the event (id, source, every attribute, the data): the same
        // block again is the same event delivered again.
        string block = EventDisplayFormatter.Format(input);
        string key = $"{serviceName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(block)))}";
        if (await ledger.SeenAsync(key, cancellationToken))
        {
            return null;
        }

        sink.Write(block);
        await ledger.RecordAsync(key, cancellationToken);
        return null;
    }
}
