using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>YAML syntax errors, and the documents that are not one resource: lists, Kustomizations, other YAML.</summary>
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
    [InlineData(": : :\n", 1, 3, "a ':' cannot follow here; give each key its own line")]
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

    [Fact]
    public void A_late_document_of_a_file_of_many_is_reported_at_the_files_lines()
    {
        // Each document is parsed on its own; its findings count the lines of the documents before it.
        string services = string.Concat(Enumerable.Range(0, 1000).Select(i => Manifests.StepService($"step-{i}", 0)));
        int before = services.Count(c => c == '\n');
        string yaml = services + """
            apiVersion: flows.knative.dev/v1
            kind: Sequence
            metadata:
              name: "broken
            ---
            apiVersion: flows.knative.dev/v1
            kind: Sequense
            metadata:
              name: after
            ---
            apiVersion: v1
            kind: [Service
            metadata:
              name: unclosed
            ---
            apiVersion: v1
            kind: Service
            metadata:
            """ + "\n" + Tab + "name: tabbed\n";

        IReadOnlyList<ManifestDiagnostic> errors = Manifests.Load(yaml).Diagnostics;

        Assert.Equal(
            [$"test.yaml:{before + 4}:9", $"test.yaml:{before + 7}", $"test.yaml:{before + 13}:1", $"test.yaml:{before + 19}:1"],
            errors.Select(d => d.Location.ToString()));
        Assert.Equal(["(yaml)", "kind", "(yaml)", "(yaml)"], errors.Select(d => d.Field));
    }

    [Fact]
    public void A_kubectl_list_stands_for_its_items()
    {
        string yaml = "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n" + Indent(Manifests.Display.Replace("---\n", string.Empty, StringComparison.Ordinal)) + """
              - apiVersion: flows.knative.dev/v1
                kind: Sequence
                metadata:
                  name: pipeline
                  uid: 7d3c
                spec:
                  steps:
                    - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display }
                status: {}
            """;

        ManifestSet set = Manifests.Load(yaml).EnsureValid();

        Assert.Equal("event-display", Assert.Single(set.Sequences.Values).Steps[0].Destination.Ref!.Name);
        Assert.Equal(ServiceRuntime.Display, set.Services["event-display"].Runtime);
    }

    [Fact]
    public void A_list_item_without_a_name_is_reported_at_its_line()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load("apiVersion: v1\nkind: List\nitems:\n  - apiVersion: flows.knative.dev/v1\n    kind: Sequence\n    metadata:\n      namespace: default\n"));

        Assert.Equal(("test.yaml:7", "Sequence", "metadata.name", "is required"), (error.Location.ToString(), error.Resource, error.Field, error.Message));
    }

    [Fact]
    public void A_document_without_metadata_is_one_error_at_its_line()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + "apiVersion: flows.knative.dev/v1\nkind: Sequence\nspec: {}\n"));

        Assert.Equal(("test.yaml:11", "metadata"), (error.Location.ToString(), error.Field));
    }

    [Fact]
    public void A_kustomization_is_skipped_with_a_warning_at_its_kind()
    {
        ManifestLoadResult result = Manifests.Load(Manifests.Display + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - display.yaml\n");

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "test.yaml:12"), (warning.Severity, warning.Location.ToString()));
        Assert.StartsWith("skipped: a Kustomization", warning.Message, StringComparison.Ordinal);
        Assert.Single(result.EnsureValid().Services);
    }

    [Fact]
    public void A_kustomization_file_without_apiversion_or_kind_is_skipped_with_a_warning()
    {
        ManifestLoadResult result = new ManifestLoader().LoadText("resources:\n  - display.yaml\n", "kustomization.yaml");

        ManifestDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "kustomization.yaml:1"), (warning.Severity, warning.Location.ToString()));
    }

    [Fact]
    public void Yaml_that_is_not_a_kubernetes_object_is_one_error_at_its_line()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Manifests.Display + "# settings\nreplicas: 3\nimage: x\n"));

        Assert.Equal(("test.yaml:12", "(document)"), (error.Location.ToString(), error.Field));
        Assert.StartsWith("is not a Kubernetes object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_gives_its_json_manifests_too_skipping_settings_hidden_files_and_build_output()
    {
        DirectoryInfo folder = Directory.CreateTempSubdirectory("fseq-json-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "display.json"), """
                {
                	"apiVersion": "serving.knative.dev/v1",
                	"kind": "Service",
                	"metadata": { "name": "event-display" },
                	"spec": { "template": { "spec": { "containers": [ { "image": "IMAGE" } ] } } }
                }
                """.Replace("IMAGE", Manifests.DisplayImage, StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder.FullName, "notes.txt"), "not read");
            File.WriteAllText(Path.Combine(folder.FullName, "local.settings.json"), "{ \"IsEncrypted\": false, // settings may hold comments\n \"Values\": {}, }");
            File.WriteAllText(Path.Combine(folder.FullName, "tags.json"), "[ \"a\" ]");
            File.WriteAllText(Path.Combine(folder.FullName, "azure.yaml"), "name: app\nservices: {}\n");
            File.WriteAllText(Path.Combine(folder.FullName, ".travis.yml"), "language: csharp\n");
            Directory.CreateDirectory(Path.Combine(folder.FullName, ".github", "workflows"));
            File.WriteAllText(Path.Combine(folder.FullName, ".github", "workflows", "ci.yml"), "on: push\njobs: {}\n");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "bin", "Debug"));
            File.Copy(Path.Combine(folder.FullName, "display.json"), Path.Combine(folder.FullName, "bin", "Debug", "display.json")); // a build's copy

            ManifestLoadResult result = new ManifestLoader().Load([folder.FullName]);

            Assert.Equal(["azure.yaml", "local.settings.json", "tags.json"], result.Diagnostics.Select(d => Path.GetFileName(d.Location.File)));
            Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
            Assert.StartsWith("skipped: not a Kubernetes object (it has no apiVersion or kind)", result.Diagnostics[0].Message, StringComparison.Ordinal);
            Assert.Equal(ServiceRuntime.Display, result.EnsureValid().Services["event-display"].Runtime);
            Assert.StartsWith("is not a Kubernetes object", Manifests.SingleError(new ManifestLoader().Load([Path.Combine(folder.FullName, "local.settings.json")])).Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Paths_that_hold_no_kubernetes_object_are_an_error_as_for_kubectl_apply()
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "# nothing yet\n");
        try
        {
            ManifestDiagnostic error = Manifests.SingleError(new ManifestLoader().Load([file]));

            Assert.Equal(("(path)", "holds no Kubernetes objects: nothing to run"), (error.Field, error.Message));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("{\n \"apiVersion\": \"v1\",\n \"kind\": \"ConfigMap\",\n \"metadata\": { \"name\": \"x\", },\n \"data\": {}\n}\n", 4, 29, "unexpected '}'")]
    // YAML refuses this one too; it is still told in JSON's words.
    [InlineData("{\n \"apiVersion\": \"v1\",\n \"kind\": \"ConfigMap\",\n \"metadata\": { \"name\": \"x\" ,\n \"data\": {}\n", 6, 1, "it ends before the JSON is complete")]
    public void A_json_manifest_kubectl_would_refuse_is_an_error_at_its_line_and_column_as_a_yaml_one_is(string json, int line, int column, string problem)
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            ManifestDiagnostic error = Manifests.SingleError(new ManifestLoader().Load([file]));

            Assert.Equal(($"{file}:{line}:{column}", "(json)"), (error.Location.ToString(), error.Field));
            Assert.Equal($"is not valid JSON (kubectl refuses it): {problem}", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_field_error_in_a_json_manifest_has_its_column_too_as_it_may_be_one_line_and_in_block_yaml_its_line()
    {
        const string Json = """{"apiVersion":"flows.knative.dev/v1","kind":"Sequence","metadata":{"name":"s"},"spec":{"stepz":[]}}""";
        const string Yaml = "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: s\nspec:\n  stepz: []\n";

        ManifestDiagnostic json = Manifests.SingleError(new ManifestLoader().LoadText(Json, "s.json"));
        ManifestDiagnostic piped = Manifests.SingleError(new ManifestLoader().LoadText(Json, "-")); // standard input has no .json name
        ManifestDiagnostic yaml = Manifests.SingleError(new ManifestLoader().LoadText(Yaml, "s.yaml"));

        Assert.Equal(("s.json:1:88", "spec.stepz"), (json.Location.ToString(), json.Field));
        Assert.Equal("-:1:88", piped.Location.ToString());
        Assert.Equal(("s.yaml:6", "spec.stepz"), (yaml.Location.ToString(), yaml.Field));
    }

    private static string Indent(string documentText) =>
        string.Concat(documentText.TrimEnd('\n').Split('\n').Select((l, i) => (i == 0 ? "  - " : "    ") + l + "\n"));
}
