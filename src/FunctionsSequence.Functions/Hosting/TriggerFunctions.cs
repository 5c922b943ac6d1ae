using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Infra;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>
/// Declares <c>TriggerDelivery</c> once per Trigger of the manifests, as <c>trigger-{name}</c>, when
/// the host asks the worker for its functions (worker indexing): the same method and bindings
/// under one name per Trigger, which is how a delivery names its Trigger. The template itself is
/// left out, as nothing delivers to it.
/// </summary>
internal sealed class TriggerFunctions(ManifestSet manifests) : IFunctionMetadataTransformer
{
    public string Name => nameof(TriggerFunctions);

    public void Transform(IList<IFunctionMetadata> original)
    {
        ArgumentNullException.ThrowIfNull(original);
        IFunctionMetadata? template = original.FirstOrDefault(f => f.Name == FunctionNames.TriggerDelivery);
        if (template is null)
        {
            return;
        }

        original.Remove(template);
        foreach (TriggerResource trigger in manifests.Triggers)
        {
            original.Add(new DefaultFunctionMetadata
            {
                Name = EventGridNames.FunctionOf(trigger.Name),
                EntryPoint = template.EntryPoint,
                ScriptFile = template.ScriptFile,
                Language = template.Language,
                RawBindings = template.RawBindings,
                Retry = template.Retry,
                IsProxy = template.IsProxy,
                ManagedDependencyEnabled = template.ManagedDependencyEnabled,
            });
        }
    }
}
