using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;

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
        string key = $"{serviceName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CloudEventJson.Encode(input))))}";
        if (await ledger.SeenAsync(key, cancellationToken))
        {
            return null;
        }

        sink.Write(EventDisplayFormatter.Format(input));
        await ledger.RecordAsync(key, cancellationToken);
        return null;
    }
}
