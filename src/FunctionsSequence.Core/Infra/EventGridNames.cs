using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Infra;

/// <summary>
/// Whether Azure takes the names a Broker and a Trigger become there. A Broker names an Event Grid
/// topic (letters, digits and '-') and app settings (no '.'); a Trigger names an Event Grid
/// subscription (3 to 64 letters, digits and '-') and the app's function <c>trigger-NAME</c>.
/// Kubernetes names may also hold '.' and run to 253 characters, which Azure would refuse only at
/// deployment: these checks find them before it, with file and line.
/// </summary>
public static class EventGridNames
{
    /// <summary>The longest Event Grid subscription name.</summary>
    public const int MaxSubscription = 64;

    /// <summary>The shortest Event Grid subscription name.</summary>
    public const int MinSubscription = 3;

    /// <summary>
    /// The longest topic name segment a Broker gets: topic names hold 3-50 characters, and the
    /// deployment puts <c>evgt-</c>, a 13-character resource token and '-' before it.
    /// </summary>
    public const int MaxTopicSegment = 31;

    private const string FunctionPrefix = "trigger-";

    /// <summary>The Functions app's function of Trigger <paramref name="trigger"/>, which its Event Grid subscription delivers to (infra/modules/eventgrid-subscriptions.bicep writes the same).</summary>
    public static string FunctionOf(string trigger) => FunctionPrefix + trigger;

    /// <summary>The Trigger whose function is <paramref name="function"/>, or null.</summary>
    public static string? TriggerOf(string function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.StartsWith(FunctionPrefix, StringComparison.Ordinal) ? function[FunctionPrefix.Length..] : null;
    }

    /// <summary>A Broker's topic name segment: its name, or, when longer than <see cref="MaxTopicSegment"/>, its start and a hash of the whole.</summary>
    public static string TopicSegment(string broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        if (broker.Length <= MaxTopicSegment)
        {
            return broker;
        }

        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(broker)).AsSpan(0, 4));
        return $"{broker[..(MaxTopicSegment - 9)].TrimEnd('-')}-{hash}";
    }

    /// <summary>A Broker's name as app settings spell it: '-' as '_' (a '.' is refused by <see cref="Check"/>).</summary>
    public static string SettingName(string broker) => broker?.Replace('-', '_') ?? throw new ArgumentNullException(nameof(broker));

    /// <summary>The Broker an app setting's spelling stands for (<see cref="SettingName"/> read back).</summary>
    public static string BrokerOfSetting(string setting) => setting?.Replace('_', '-') ?? throw new ArgumentNullException(nameof(setting));

    /// <summary>Every Broker and Trigger whose name Azure would refuse.</summary>
    public static IReadOnlyList<ManifestDiagnostic> Check(ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var problems = new List<ManifestDiagnostic>();
        foreach (BrokerResource broker in manifests.Brokers.Values.Where(b => !Valid(b.Name)).OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            problems.Add(Problem(broker.Metadata, $"Broker/{broker.Name}",
                $"'{broker.Name}' cannot name an Event Grid topic or an app setting in Azure, which take letters, digits and '-': rename the Broker (and the spec.broker of its Triggers)"));
        }

        problems.AddRange(CheckTriggers(manifests));
        return problems;
    }

    /// <summary>Every Trigger whose name Azure would refuse as a subscription's or a function's: what the Functions app checks at start.</summary>
    public static IReadOnlyList<ManifestDiagnostic> CheckTriggers(ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var problems = new List<ManifestDiagnostic>();
        foreach (TriggerResource trigger in manifests.Triggers)
        {
            string name = trigger.Name;
            if (!Valid(name))
            {
                problems.Add(Problem(trigger.Metadata, $"Trigger/{name}",
                    $"'{name}' cannot name an Event Grid subscription or the app's function {FunctionOf(name)} in Azure, which take letters, digits and '-': rename the Trigger"));
            }
            else if (name.Length is < MinSubscription or > MaxSubscription)
            {
                problems.Add(Problem(trigger.Metadata, $"Trigger/{name}",
                    $"'{name}' has {name.Length} characters, and an Event Grid subscription name takes {MinSubscription} to {MaxSubscription}: rename the Trigger"));
            }
        }

        return problems;
    }

    private static bool Valid(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static ManifestDiagnostic Problem(ResourceMetadata metadata, string resource, string message) =>
        new(DiagnosticSeverity.Error, metadata.NameLocation, resource, "metadata.name", message);
}
