using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>YAML syntax errors.</summary>
public sealed partial class ManifestLoaderTests
{
    private const string Tab = "\t";

    public static TheoryData<string> TabIndented => new()
    {
        // A tab where a mapping's key is indented: YamlDotNet reports the document's first line.
        "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n" + Tab + "name: x\n",
        // A tab under a plain scalar: YamlDotNet reports the scalar's line, the one before the tab.
        "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  template:\n    spec: x\n" + Tab + "containers: []\n",
        "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n  " + Tab + "containers: []\n",
    };

    [Theory]
    [MemberData(nameof(TabIndented))]
    public void A_tab_in_the_indentation_is_reported_at_its_line_and_column(string yaml)
    {
        string[] lines = yaml.Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains('\t', StringComparison.Ordinal)) + 1;
        int column = lines[line - 1].IndexOf('\t', StringComparison.Ordinal) + 1;

        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal(new SourceLocation("test.yaml", line, column), error.Location);
        Assert.Equal("(yaml)", error.Field);
        Assert.Equal("is not valid YAML: tabs cannot indent YAML; use spaces", error.Message);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   labels: {}\n", 5, 10, "a 'key: value' cannot start here")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n    name: x\n  labels: {}\n", 5, 3, "this line does not continue the mapping above it")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: \"x\n  labels: {}\n", 4, 9, "this quoted string is not closed")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: @x\n", 4, 9, "'@' cannot start a value")]
    [InlineData("apiVersion: v1\nkind: [Service\nmetadata:\n  name: x\n", 3, 1, "the parser stopped here")]
    public void A_syntax_error_is_reported_at_the_fault_in_plain_words(string yaml, int line, int column, string message)
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(yaml));

        Assert.Equal(new SourceLocation("test.yaml", line, column), error.Location);
        Assert.StartsWith("is not valid YAML: " + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_leaves_the_other_documents_of_the_file_checked()
    {
        // Each document has one error, and the first lacks its steps too.
        string yaml = """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              colour: blue
              name: before
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: "broken
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequense
            metadata:
              name: after
            """;

        IReadOnlyList<ManifestDiagnostic> errors = Manifests.Load(yaml).Diagnostics;

        Assert.Collection(
            errors,
            d => Assert.Equal(("test.yaml:1", "spec"), (d.Location.ToString(), d.Field)),
            d => Assert.Equal(("test.yaml:4", "unknown field 'colour'"), (d.Location.ToString(), d.Message[..22])),
            d => Assert.Equal(("test.yaml:10:9", "(yaml)"), (d.Location.ToString(), d.Field)),
            d => Assert.Equal(("test.yaml:13", "kind"), (d.Location.ToString(), d.Field)));
    }

}
