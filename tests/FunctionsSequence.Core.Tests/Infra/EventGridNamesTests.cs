using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Infra;

/// <summary>Kubernetes names Azure refuses as Event Grid topics, subscriptions, app settings or function names are found before a deployment.</summary>
public sealed class EventGridNamesTests
{
    private static ManifestSet Load(string broker, string trigger) => Manifests.Load(Manifests.Display + $$"""
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: { name: "{{broker}}" }
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: { name: "{{trigger}}" }
        spec:
          broker: "{{broker}}"
          subscriber: { ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }
        """).EnsureValid();

    [Fact]
    public void The_seeds_names_and_long_Broker_names_pass()
    {
        ManifestSet seed = new ManifestLoader().Load([Manifests.Samples("4-broker-trigger")]).EnsureValid();

        Assert.Empty(EventGridNames.Check(seed));
        Assert.Empty(EventGridNames.Check(Load(new string('b', 200), "to-display"))); // a topic takes a hash of a long name
    }

    [Fact]
    public void A_dotted_Broker_name_is_an_error_at_its_metadata_name()
    {
        ManifestDiagnostic problem = Assert.Single(EventGridNames.Check(Load("my.broker", "to-display")));

        Assert.Equal((DiagnosticSeverity.Error, "Broker/my.broker", "metadata.name"), (problem.Severity, problem.Resource, problem.Field));
        Assert.Contains("'my.broker' cannot name an Event Grid topic or an app setting in Azure", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Manifests.Display.Count(c => c == '\n') + 3, problem.Location.Line); // metadata.name's line
    }

    [Theory]
    [InlineData("my.dotted.trigger", "cannot name an Event Grid subscription or the app's function trigger-my.dotted.trigger")]
    [InlineData("tt", "has 2 characters, and an Event Grid subscription name takes 3 to 64")]
    [InlineData("a-trigger-name-that-goes-on-and-on-past-what-event-grid-takes-as-a-name", "has 71 characters")]
    public void A_Trigger_name_no_subscription_or_function_takes_is_an_error(string name, string message)
    {
        ManifestSet set = Load("default", name);

        ManifestDiagnostic problem = Assert.Single(EventGridNames.Check(set));
        Assert.Equal(($"Trigger/{name}", "metadata.name"), (problem.Resource, problem.Field));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal([problem], EventGridNames.CheckTriggers(set));
    }

    [Fact]
    public void The_app_checks_only_Triggers_as_a_Broker_name_matters_only_where_it_names_a_topic()
    {
        Assert.Empty(EventGridNames.CheckTriggers(Load("my.broker", "to-display")));
    }
}
