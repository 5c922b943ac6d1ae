using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Steps;

/// <summary>Registers C# steps by name.</summary>
public static class StepServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TStep"/> as the in-app step <paramref name="name"/>; a Knative
    /// Service with the annotation <c>functionssequence.dev/step: name</c> then runs it.
    /// </summary>
    public static IServiceCollection AddSequenceStep<TStep>(this IServiceCollection services, string name)
        where TStep : class, ISequenceStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton<ISequenceStep, TStep>(name);
        services.AddSingleton(new InAppStepRegistration(name, TStep.CheckEnvironment, TStep.TakesPath));
        return services;
    }

    /// <summary>The steps registered so far (what the manifest loader checks Services bound to a step against).</summary>
    public static InAppStepRegistration[] InAppSteps(this IServiceCollection services) =>
        services.Select(d => d.ImplementationInstance).OfType<InAppStepRegistration>().ToArray();
}
