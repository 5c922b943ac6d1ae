using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Display;
using FunctionsSequence.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Steps;

/// <summary>Runs what stands behind a Knative Service or a URI destination.</summary>
public sealed class ServiceInvoker(ManifestSet manifests, IServiceProvider services, IEventDisplaySink display, IDisplayLedger ledger, HttpClient http, ILogger<ServiceInvoker> logger)
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
    private readonly ConcurrentDictionary<string, (ISequenceStep Step, StepContext Context)> resolved = new(StringComparer.Ordinal);

    // A client for each set of CACerts the manifests write (a handful at most), for as long as the app runs; made once.
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> trusting = new(StringComparer.Ordinal);

    /// <summary>Invokes the Service <paramref name="serviceName"/> with an event; returns its reply, if any.</summary>
    /// <param name="serviceName">The Service.</param>
    /// <param name="input">The event.</param>
    /// <param name="answer">How an HTTP answer's body is read (<see cref="AnswerUse"/>).</param>
    /// <param name="via">The hop that delivers the event (<see cref="StepContext.Via"/>), if known.</param>
    /// <param name="format">The content mode of an HTTP request (<see cref="StepContext.Format"/>): the delivery's format, if it sets one.</param>
    /// <param name="cancellationToken">Cancels the call (e.g. the per-attempt timeout).</param>
    public ValueTask<CloudEvent?> InvokeServiceAsync(string serviceName, CloudEvent input, AnswerUse answer, string? via, DeliveryFormat? format, CancellationToken cancellationToken) =>
        InvokeStepAsync(serviceName, input, answer, via, format, path: null, client: null, sender: null, cancellationToken);

    private ValueTask<CloudEvent?> InvokeStepAsync(
        string serviceName, CloudEvent input, AnswerUse answer, string? via, DeliveryFormat? format, string? path, HttpClient? client, string? sender, CancellationToken cancellationToken)
    {
        // Looked up first: GetOrAdd with a method group would make a delegate per event and step.
        (ISequenceStep step, StepContext context) = resolved.TryGetValue(serviceName, out var known) ? known : resolved.GetOrAdd(serviceName, Resolve);
        if (client is not null && step is HttpStep httpStep)
        {
            step = new HttpStep(client, httpStep.Uri);
        }

        return step.InvokeAsync(
            input,
            via is null && format is null && path is null && sender is null && answer == AnswerUse.Output
                ? context
                : context with { Via = via, Format = format, Path = path, SenderNamespace = sender, Answer = answer },
            cancellationToken);
    }

    /// <summary>
    /// Invokes a destination that is a Service ref, a URI, or a Service ref with a path: resolved against the
    /// Service's URL, or given to its in-app step when that step takes a path (<see cref="StepContext.Path"/>), or
    /// left out for a built-in image, which serves every path as Knative's does.
    /// </summary>
    public ValueTask<CloudEvent?> InvokeAsync(Destination destination, CloudEvent input, AnswerUse answer, string? via, DeliveryFormat? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Uri is { } uri)
        {
            if (!uri.IsAbsoluteUri && destination.Ref is { Kind: ResourceKind.Service } reference
                && manifests.Services.GetValueOrDefault(reference.Name) is { Runtime: not ServiceRuntime.Http } inApp)
            {
                // An in-app step that reads the path the destination adds to its Service's address (a switcher's case) gets it, without
                // query or fragment; Knative's appender and event_display serve every path alike, so the built-in ones ignore it.
                string? path = inApp.StepTakesPath ? uri.OriginalString.Split('?', '#')[0] : null;
                return InvokeStepAsync(inApp.Name, input, answer, via, format, path, client: null, destination.SenderNamespace, cancellationToken);
            }

            Uri target = uri.IsAbsoluteUri ? uri : AddressOf(destination.Ref!, uri);
            var context = new StepContext(destination.ToString(), NoEnvironment) { Via = via, Format = format, SenderNamespace = destination.SenderNamespace, Answer = answer };
            return new HttpStep(Trusting(destination) ?? http, target).InvokeAsync(input, context, cancellationToken);
        }

        return InvokeStepAsync(destination.Ref!.Name, input, answer, via, format, path: null, Trusting(destination), destination.SenderNamespace, cancellationToken);
    }

    /// <summary>The client for a destination that writes CACerts of its own (checked when the manifests load); null for the app's.</summary>
    private HttpClient? Trusting(Destination destination) =>
        destination.CACerts is { } pem ? trusting.GetOrAdd(pem, static p => new(() => DeliveryHttp.Create(TrustedRoots.Parse(p)))).Value : null;

    /// <summary>The event-display behind a Service ref, if the destination is one (for events that are shown as they travel).</summary>
    public bool TryGetDisplay(Destination destination, [NotNullWhen(true)] out DisplayStep? display)
    {
        display = TryResolve(destination, out ISequenceStep? step, out _) ? step as DisplayStep : null;
        return display is not null;
    }

    /// <summary>
    /// What stands behind a Service ref, as <see cref="InvokeServiceAsync"/> would run it; false for a
    /// URI, another kind of ref, or a Service that does not resolve (which fails in <see cref="InvokeAsync"/>, with its reason).
    /// </summary>
    private bool TryResolve(Destination destination, [NotNullWhen(true)] out ISequenceStep? step, [NotNullWhen(true)] out StepContext? context)
    {
        ArgumentNullException.ThrowIfNull(destination);
        (step, context) = (null, null);
        if (destination.Ref is not { Kind: ResourceKind.Service } reference)
        {
            return false;
        }

        // Resolved before (this runs per event and step): no manifest or container lookup again.
        if (resolved.TryGetValue(reference.Name, out var known))
        {
            (step, context) = known;
            return true;
        }

        if (!manifests.Services.TryGetValue(reference.Name, out ServiceResource? service)
            || (service.Runtime == ServiceRuntime.InApp && services.GetKeyedService<ISequenceStep>(service.StepName) is null))
        {
            return false;
        }

        (step, context) = resolved.GetOrAdd(reference.Name, Resolve);
        return true;
    }

    /// <summary>
    /// A relative URI resolved against the URL of the Service <paramref name="reference"/> names, as Knative resolves a ref's
    /// address (RFC 3986, Go's URL.ResolveReference); the manifests were checked to give such a ref an HTTP Service.
    /// </summary>
    private Uri AddressOf(ObjectReference reference, Uri relative) =>
        manifests.Services.TryGetValue(reference.Name, out ServiceResource? service) && service.Url is { } url
            ? new Uri(url, relative)
            : throw new StepFailedException($"{reference} has no URL to resolve '{ShownUri.Of(relative)}' against", 404);

    private (ISequenceStep, StepContext) Resolve(string name)
    {
        if (!manifests.Services.TryGetValue(name, out ServiceResource? service))
        {
            throw new StepFailedException($"Service '{name}' does not exist", 404);
        }

        var context = new StepContext(name, service.Environment);
        ISequenceStep step = service.Runtime switch
        {
            ServiceRuntime.Appender => AppenderStep.For(service.Image!, service.Environment, logger),
            ServiceRuntime.Display => new DisplayStep(display, ledger, name, logger),
            ServiceRuntime.Http => new HttpStep(http, service.Url!),
            _ => new InAppStep(
                services.GetKeyedService<ISequenceStep>(service.StepName)
                    ?? throw new StepFailedException($"Service '{name}' names the in-app step '{service.StepName}', which is not registered", 404),
                name,
                logger),
        };
        return (step, context);
    }
}
