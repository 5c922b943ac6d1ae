namespace FunctionsSequence.Tests.Shared;

/// <summary>The span trees (<see cref="OtlpReceiver.Tree"/>) an event's trace must show, on either host.</summary>
internal static class ExpectedTraces
{
    /// <summary>Scenario 4's path, hop by hop: source, Broker, Trigger, the Sequence's steps, its reply into the Broker, Trigger, display.</summary>
    public static readonly string Scenario4 = """
        CronJobSource cronjob-source
          Broker default publish
            Trigger sequence-trigger
              Sequence sequence step 0
                Sequence sequence step 1
                  Sequence sequence step 2
                    Sequence sequence reply
                      Broker default publish
                        Trigger display-trigger
                          display event-display

        """.ReplaceLineEndings("\n");
}
