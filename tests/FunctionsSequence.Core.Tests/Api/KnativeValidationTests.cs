using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;
using Xunit.Abstractions;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>
/// Knative's own validation tests, run through the loader: what Knative's webhook refuses, <c>fseq validate</c>
/// refuses naming the same field; what it accepts loads without errors.
/// </summary>
public sealed class KnativeValidationTests(ITestOutputHelper output)
{
    // Why each known gap fails, with the Knative rule (knative/eventing unless it says knative.dev/pkg).
    private const string CrossNamespace = "needs the cross-namespace-event-links feature (config-features), which fseq has no equivalent of: by default Knative refuses a brokerRef namespace, and so does the loader; Knative: pkg/apis/eventing/v1/trigger_validation.go:50-55 and 66-72";
    private const string BrokerConfigNamespace = "needs config-br-defaults disallow-different-namespace-config, which fseq has no equivalent of (by default Knative accepts a config in another namespace, and so does the loader); Knative: pkg/apis/eventing/v1/broker_validation.go:57-76, knative.dev/pkg apis/duck/v1/knative_reference.go:95-104";
    private const string PingSize = "needs config-ping-defaults data-max-size, which fseq has no equivalent of (Knative's default, -1, has no limit); Knative: pkg/apis/sources/v1/ping_validation.go:73-76 and 90-93";

    /// <summary>Cases the loader does not agree on today, and why. Each must still fail: a fix removes its entry.</summary>
    private static readonly Dictionary<string, string> KnownGaps = new(StringComparer.Ordinal)
    {
        ["trigger/TestTriggerSpecValidationWithCrossNamespaceEventLinksFeatureEnabled/using BrokerRef"] = CrossNamespace,
        ["trigger/TestTriggerSpecValidationWithCrossNamespaceEventLinksFeatureEnabled/non-empty Broker but empty BrokerRef"] = CrossNamespace,
        ["trigger/TestTriggerSpecValidationWithCrossNamespaceEventLinksFeatureEnabled/empty Broker but non-empty BrokerRef"] = CrossNamespace,

        ["broker/TestValidate/invalid config, cross namespace disallowed, cluster wide"] = BrokerConfigNamespace,
        ["broker/TestValidate/invalid config, cross namespace disallowed, namespace wide"] = BrokerConfigNamespace,

        ["pingsource/TestPingSourceValidation/invalid DataBase64 is to big"] = PingSize,
        ["pingsource/TestPingSourceValidation/invalid Data is to big"] = PingSize,
    };

    public static TheoryData<string> Cases()
    {
        var ids = new TheoryData<string>();
        foreach (string id in KnativeValidationCases.All.Keys)
        {
            ids.Add(id);
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loader_agrees_with_Knatives_validation(string id)
    {
        KnativeValidationCase c = KnativeValidationCases.All[id];
        ManifestLoadResult result = new ManifestLoader().LoadText(c.Manifest, c.File + ".yaml");
        List<string> disagreements = Disagreements(c, result);
        foreach (ManifestDiagnostic diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        string? gap = KnownGaps.GetValueOrDefault(id);
        if (gap is null)
        {
            Assert.True(disagreements.Count == 0, $"{id} ({c.Source}):\n{string.Join("\n", disagreements)}\nloader said:\n{string.Join("\n", result.Diagnostics)}");
        }
        else
        {
            Assert.True(disagreements.Count > 0, $"{id} now agrees with Knative: remove it from the known gaps (it was: {gap})");
        }
    }

    private static List<string> Disagreements(KnativeValidationCase c, ManifestLoadResult result)
    {
        List<ManifestDiagnostic> errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (c.Valid)
        {
            return errors.Select(e => $"Knative accepts it, the loader refuses: {e}").ToList();
        }

        var missing = new List<string>();
        foreach (string path in c.Expected!)
        {
            foreach (string field in c.FieldsFor(path).Where(f => !errors.Any(e => e.Field == f)))
            {
                missing.Add(field == path ? $"no error at {path}" : $"no error at {field} (Knative: '{path}')");
            }
        }

        return missing;
    }

    [Fact]
    public void Every_known_gap_names_a_case()
    {
        Assert.Empty(KnownGaps.Keys.Except(KnativeValidationCases.All.Keys));
    }

    [Theory]
    [InlineData("sequence", 15)]
    [InlineData("parallel", 11)]
    [InlineData("trigger", 67)]
    [InlineData("broker", 15)]
    [InlineData("pingsource", 20)]
    public void Every_ported_case_is_read(string file, int cases) =>
        Assert.Equal(cases, KnativeValidationCases.All.Values.Count(c => c.File == file));
}
