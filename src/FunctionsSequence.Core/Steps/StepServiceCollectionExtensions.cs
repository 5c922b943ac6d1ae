using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Core.Steps;

/// <summary>Registers C# steps by name.</summary>
public static class StepServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TStep"/> as the in-app step <paramref name="name"/>; a Knative
    /// Service with the annotation <c>functionssequence.dev/step: name</c> then runs it. A name is one
    /// step's: registering a second under it throws, as the last would run and the first's env checks be applied.
    /// </summary>
    public static IServiceCollection AddSequenceStep<TStep>(this IServiceCollection services, string name)
        where TStep : class, ISequenceStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (services.InAppSteps().FirstOrDefault(s => s.Name == name) is { } taken)
        {
            throw new InvalidOperationException(
                $"the in-app step name '{name}' is registered already, for {taken.StepType?.FullName ?? "another step"}; register {typeof(TStep).FullName} under a name of its own");
        }

        services.AddKeyedSingleton<ISequenceStep, TStep>(name);
        services.AddSingleton(new InAppStepRegistration(name, TStep.CheckEnvironment, TStep.TakesPath) { StepType = typeof(TStep) });
        return services;
    }

    /// <summary>The steps registered so far (what the manifest loader checks Services bound to a step against).</summary>
    public static InAppStepRegistration[] InAppSteps(this IServiceCollection services) =>
        services.Select(d => d.ImplementationInstance).OfType<InAppStepRegistration>().ToArray();
}
