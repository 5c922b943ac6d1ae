using FunctionsSequence.Core.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSequence.Steps;

/// <summary>Registers the app's own steps; both hosts call this, so a step added here runs everywhere.</summary>
public static class AppStepsServiceCollectionExtensions
{
    /// <summary>Adds every step of this project under its name.</summary>
    public static IServiceCollection AddAppSteps(this IServiceCollection services) =>
        services
            .AddSequenceStep<UppercaseStep>(UppercaseStep.Name)
            .AddSequenceStep<MinuteParityStep>(MinuteParityStep.Name)
            .AddSequenceStep<SetDataStep>(SetDataStep.Name)
            .AddSequenceStep<MinuteSwitchStep>(MinuteSwitchStep.Name);

    /// <summary>This project's steps as the manifest loader checks Services against them, on both hosts.</summary>
    public static InAppStepRegistration[] Registrations() => new ServiceCollection().AddAppSteps().InAppSteps();
}
