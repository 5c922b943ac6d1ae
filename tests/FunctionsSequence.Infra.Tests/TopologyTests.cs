using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Manifests;

namespace FunctionsSequence.Infra.Tests;

/// <summary>infra/brokers.json is what fseq export-infra makes of the manifests the app ships with.</summary>
public sealed class TopologyTests
{
    [Fact]
    public void Committed_brokers_json_matches_the_manifests_the_app_ships_with()
    {
        ManifestSet manifests = new ManifestLoader().Load([Path.Combine(Bicep.RepoRoot, "samples", "4-broker-trigger")]).EnsureValid();

        string expected = EventGridExport.ToJson(EventGridExport.Export(manifests, "samples/4-broker-trigger"));

        Assert.Equal(expected, File.ReadAllText(Path.Combine(Bicep.Infra, "brokers.json")));
    }
}
