using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// A C# step registered in the app, as a Service runs it: its own exception (a bug, an outage) is a
/// retried 500 that names the exception's type only, as its message may quote the event's data (a
/// parse error quotes its input). The message goes to the dead-letter sink's <c>knativeerrordata</c>;
/// the log gets the type and the stack trace, which locate the bug without quoting the data. An event it
/// returns without a required attribute is a 502, retried or not as an HTTP step's invalid reply is.
/// </summary>
/// <param name="step">The registered step.</param>
/// <param name="serviceName">The Service that runs it.</param>
/// <param name="logger">Where its bugs are logged.</param>
internal sealed partial class InAppStep(ISequenceStep step, string serviceName, ILogger logger) : ISequenceStep
{
    /// <inheritdoc />
    public async ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        CloudEvent? output;
        try
        {
            output = await step.InvokeAsync(input, context, cancellationToken);
        }
        catch (Exception ex) when (ex is not (StepFailedException or OperationCanceledException))
        {
            string type = ex.GetType().Name;
            LogThrew(logger, serviceName, type, input.Id, ex.StackTrace is { } trace ? Environment.NewLine + trace : string.Empty);
            throw new StepFailedException($"Service/{serviceName} threw {type}", 500, $"{type}: {ex.Message}", ex);
        }

        if (output is null || context.Answer == AnswerUse.Ignored)
        {
            return null; // the answer of a reply, a dead-letter sink or a source sink is not read, as an HTTP step's is not
        }

        return AttributeErrors.MissingRequired(output) is not { Count: > 0 } missing
            ? output
            : throw StepFailedException.InvalidAnswer($"Service/{serviceName} returned an invalid CloudEvent: {AttributeErrors.Missing(missing, headers: false)}", context.Answer);
    }

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Service/{Service}: its in-app step threw {Type} for event {EventId}{StackTrace}")]
    private static partial void LogThrew(ILogger logger, string service, string type, string? eventId, string stackTrace);
}
