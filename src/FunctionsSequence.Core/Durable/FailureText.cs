using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Durable;

/// <summary>How a run or an activity failed, in the words of the code that failed.</summary>
public static partial class FailureText
{
    private const string Reply = "the reply";

    /// <summary>
    /// A failure's message as the run's code wrote it. The Functions host's Durable extension keeps a
    /// failed run's message with the exception's type before it (<c>Namespace.SomeException: ...</c>, as
    /// the run's output in the Instances table), where the embedded engine does not; the type says
    /// nothing to a user and pushes the cause out of a table. An activity's failure that ended the run
    /// (<c>Task 'DeliverReply' (#3) failed with an unhandled exception: ...</c>) says what failed in our words.
    /// </summary>
    public static string? Of(TaskFailureDetails? details)
    {
        if (details?.ErrorMessage is not { } message)
        {
            return null;
        }

        string typed = details.ErrorType + ": ";
        return details.ErrorType.Length > 0 && message.StartsWith(typed, StringComparison.Ordinal) ? Activity(message[typed.Length..]) : Of(message);
    }

    /// <summary>Why a run's code failed, in the same words as its recorded failure (<see cref="Of(TaskFailureDetails?)"/>).</summary>
    public static string Of(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure is TaskFailedException task ? Of(task.FailureDetails) ?? task.Message : failure.Message;
    }

    /// <summary>Why a failed run failed: its failure details, or, where the backend keeps none (the Functions host's), its output, where the failure then is.</summary>
    public static string? Of(OrchestrationMetadata? instance) =>
        instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Failed } ? null : Of(instance.FailureDetails) ?? Of(instance.SerializedOutput);

    private static string? Of(string? message) =>
        message is null ? null : Activity(TypeFirst().Match(message) is { Success: true } type ? message[type.Length..] : message);

    private static string Activity(string message) =>
        ActivityFailed().Match(message) is { Success: true } failed
            ? $"{failed.Groups["task"].Value switch
            {
                TaskNames.DeliverReply => Reply,
                TaskNames.DeadLetter => "the dead letter",
                TaskNames.RunStep => "a step",
                TaskNames.DeliverToSubscriber => "the subscriber",
                var other => other,
            }} failed: {message[failed.Length..]}"
            : message;

    [GeneratedRegex(@"^(?:[A-Za-z_][A-Za-z0-9_]*\.)+[A-Za-z_][A-Za-z0-9_]*Exception: ")]
    private static partial Regex TypeFirst();

    [GeneratedRegex(@"^Task '(?<task>[^']+)' \(#[0-9]+\) failed with an unhandled exception: ")]
    private static partial Regex ActivityFailed();
}
