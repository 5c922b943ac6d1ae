using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Flows;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests.Flows;

/// <summary>
/// A flow's hops, recorded: a hop answers an event on attempt K (1-based) as <see cref="Answer"/>
/// says. Calls read <c>label:ids</c>, the label being a step's index, <c>f</c> and the branch for a
/// Parallel filter, <c>b</c> and the branch for a branch's subscriber.
/// </summary>
internal sealed class RecordingHops(Func<Hop, string, int, DeliveryResult> answer) : IFlowHops
{
    private readonly Dictionary<(Hop, string), int> attempts = [];

    public Func<Hop, string, int, DeliveryResult> Answer { get; set; } = answer;

    public TaskCompletionSource WaitGate { get; set; } = Completed();

    public List<string> Calls { get; } = [];

    public List<string[]> Replies { get; } = [];

    /// <summary>The labels of the calls asked to send their answers to the reply themselves (<see cref="StepInput.ThenReply"/>).</summary>
    public List<string> ThenReply { get; } = [];

    public List<(Hop From, string[] Ids)> RepliesFrom { get; } = [];

    public List<string> ReplyData { get; } = [];

    /// <summary>The tries each reply's input says the last hop already made (<see cref="ReplyInput.Attempted"/>).</summary>
    public List<int> ReplyAttempted { get; } = [];

    /// <summary>The refusals each reply's input carries beside its events (<see cref="ReplyInput.Refused"/>).</summary>
    public List<IReadOnlyList<string?>?> ReplyRefused { get; } = [];

    /// <summary>The answers in all each reply's input counts for its failure (<see cref="ReplyInput.Answered"/>).</summary>
    public List<int> ReplyAnswered { get; } = [];

    public List<DeadLetterInput> DeadLetters { get; } = [];

    /// <summary>What the dead-letter activity throws, if it does (a failure that reached the run's history as an exception).</summary>
    public Exception? DeadLetterFailure { get; set; }

    /// <summary>How the dead-letter sink answers its Nth call (1-based); it takes every event when null.</summary>
    public Func<int, DeliveryResult>? DeadLetterAnswer { get; set; }

    public List<TimeSpan> Waits { get; } = [];

    public LogLines Log { get; } = new();

    public ILogger Logger => Log;

    /// <summary>The clock the run's record reads: fixed, so a test can name the times it expects.</summary>
    public DateTime UtcNow { get; set; } = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    /// <summary>The last record the run reported.</summary>
    public RunRecord? Reported { get; private set; }

    public void Report(RunRecord record)
    {
        lock (Calls)
        {
            Reported = record;
        }
    }

    public static string Label(Hop hop) => hop.Role switch
    {
        HopRole.Filter => $"f{hop.Index}",
        HopRole.Subscriber => $"b{hop.Index}",
        _ => $"{hop.Index}",
    };

    public static string IdOf(string json) => CloudEventJson.Decode(json).Id!;

    public Task<DeliveryResult[]> RunStepAsync(StepInput input)
    {
        lock (Calls)
        {
            Calls.Add($"{Label(input.Hop)}:{string.Join(',', input.Events.Select(e => IdOf(e.Event.Json)))}");
            if (input.ThenReply)
            {
                ThenReply.Add(Label(input.Hop));
            }

            return Task.FromResult(input.Events.Select(e =>
            {
                int attempt = attempts[(input.Hop, e.Event.Json)] = attempts.GetValueOrDefault((input.Hop, e.Event.Json)) + 1;
                return Answer(input.Hop, e.Event.Json, attempt);
            }).ToArray());
        }
    }

    /// <summary>What the reply's activity comes to for an input; every event delivered when null.</summary>
    public Func<ReplyInput, ReplyOutcome>? ReplyOutcome { get; set; }

    /// <summary>What the reply's activity comes to, when it has not come yet; <see cref="ReplyOutcome"/> when null.</summary>
    public Func<ReplyInput, Task<ReplyOutcome>>? ReplyOutcomeAsync { get; set; }

    /// <summary>What the reply's activity throws, if it does (given up after the run's retry policy).</summary>
    public Exception? ReplyFailure { get; set; }

    public Task<ReplyOutcome> DeliverReplyAsync(ReplyInput input)
    {
        lock (Calls)
        {
            string[] ids = [.. input.Events.Select(e => IdOf(e.Event.Json))];
            Replies.Add(ids);
            RepliesFrom.Add((input.From, ids));
            ReplyAttempted.Add(input.Attempted);
            ReplyRefused.Add(input.Refused);
            ReplyAnswered.Add(input.Answered);
            ReplyData.AddRange(input.Events.Select(e => CloudEventJson.Decode(e.Event.Json).Data?.ToString() ?? string.Empty));
        }

        return ReplyFailure is { } failure
            ? Task.FromException<ReplyOutcome>(failure)
            : ReplyOutcomeAsync?.Invoke(input) ?? Task.FromResult(ReplyOutcome?.Invoke(input) ?? Core.Flows.ReplyOutcome.Delivered);
    }

    public async Task WaitAsync(TimeSpan backoff)
    {
        lock (Calls)
        {
            Waits.Add(backoff);
        }

        await WaitGate.Task;
    }

    public Task<DeliveryResult> DeadLetterAsync(DeadLetterInput input)
    {
        int n;
        lock (Calls)
        {
            DeadLetters.Add(input);
            n = DeadLetters.Count;
        }

        return DeadLetterFailure is { } failure
            ? Task.FromException<DeliveryResult>(failure)
            : Task.FromResult(DeadLetterAnswer?.Invoke(n) ?? DeliveryResult.Success(null));
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
