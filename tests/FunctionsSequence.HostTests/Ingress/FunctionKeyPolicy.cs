using Azure.Core;
using Azure.Core.Pipeline;

namespace FunctionsSequence.HostTests.Ingress;

/// <summary>Adds the function key header to every request of an Azure SDK client (its own credential goes in another header).</summary>
internal sealed class FunctionKeyPolicy(string key) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue("x-functions-key", key);
    }
}
