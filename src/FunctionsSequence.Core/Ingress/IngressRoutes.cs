namespace FunctionsSequence.Core.Ingress;

/// <summary>The route templates both hosts serve (under the <c>api/</c> prefix of Azure Functions).</summary>
public static class IngressRoutes
{
    /// <summary>Sequence ingress.</summary>
    public const string Sequences = "sequences/{name}";

    /// <summary>Parallel ingress.</summary>
    public const string Parallels = "parallels/{name}";

    /// <summary>Broker ingress.</summary>
    public const string Brokers = "brokers/{name}";

    /// <summary>Service ingress.</summary>
    public const string Services = "services/{name}";

    /// <summary>event-display as an address of its own (<see cref="DisplayIngress"/>).</summary>
    public const string Display = "display";

    /// <summary>The dead letters kept for redrive (GET).</summary>
    public const string DeadLetters = "deadletters";

    /// <summary>Redrives one dead letter (POST).</summary>
    public const string DeadLetterRedrive = "deadletters/{id}/redrive";

    /// <summary>The template of a target.</summary>
    public static string For(IngressTarget target) => target switch
    {
        IngressTarget.Sequence => Sequences,
        IngressTarget.Parallel => Parallels,
        IngressTarget.Broker => Brokers,
        _ => Services,
    };
}
