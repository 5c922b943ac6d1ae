namespace FunctionsSequence.Core.DeadLetters;

/// <summary>The rules every <see cref="IDeadLetterStore"/> applies, in one place.</summary>
internal static class DeadLetterRecords
{
    /// <summary>
    /// <paramref name="again"/>, an event dead-lettered anew at the hop where
    /// <paramref name="redriven"/> was redriven from: dead-lettered, with the new failure, keeping
    /// the count of redrives so that the next redrive is a new one.
    /// </summary>
    public static DeadLetterRecord AgainAfter(DeadLetterRecord redriven, DeadLetterRecord again) =>
        again with
        {
            State = DeadLetterState.DeadLettered,
            Redrives = redriven.Redrives,
            RedrivenAt = redriven.RedrivenAt,
            RedriveResult = redriven.RedriveResult,
            Version = redriven.Version,
        };
}
