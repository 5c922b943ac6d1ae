using System.Text;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>A ref to a name not found, where a document or file could not be read: it may declare the name.</summary>
public sealed partial class ManifestLoaderTests
{
    private const string NotRead = "it may be declared where an error kept the manifests from being read, at ";

    [Fact]
    public void A_ref_to_what_a_document_with_a_syntax_error_declares_points_at_that_document_not_at_a_missing_file()
    {
        DirectoryInfo folder = Directory.CreateTempSubdirectory("fseq-unparsed-");
        try
        {
            string sample = Manifests.Samples("4-broker-trigger");
            File.Copy(Path.Combine(sample, "services.yaml"), Path.Combine(folder.FullName, "services.yaml"));
            string main = Path.Combine(folder.FullName, "4-broker-trigger.yaml");
            string text = File.ReadAllText(Path.Combine(sample, "4-broker-trigger.yaml"));
            File.WriteAllText(main, text.Replace("spec:\n  channelTemplate:", "spec:\n" + Tab + "channelTemplate:", StringComparison.Ordinal));
            int tabLine = text[..text.IndexOf("  channelTemplate:", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

            IReadOnlyList<ManifestDiagnostic> errors = new ManifestLoader().Load([folder.FullName]).Diagnostics;

            Assert.Equal(2, errors.Count);
            Assert.Equal(($"{main}:{tabLine}:1", "(yaml)"), (errors[0].Location.ToString(), errors[0].Field));
            Assert.Equal(("Trigger/sequence-trigger", "spec.subscriber.ref.name"), (errors[1].Resource, errors[1].Field));
            Assert.Equal($"Sequence 'sequence' is not among the resources read (none is declared): {NotRead}{main}:{tabLine}:1 (fix that error first)", errors[1].Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_ref_to_what_a_file_not_utf8_declares_points_at_that_file()
    {
        string latin1 = TempFile(Encoding.Latin1.GetBytes("# Caf\u00E9\n" + Manifests.Display));
        string trigger = TempFile(Encoding.UTF8.GetBytes(Manifests.BrokerAndTrigger("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-display } }")));
        try
        {
            ManifestDiagnostic error = Assert.Single(new ManifestLoader().Load([latin1, trigger]).Diagnostics, d => d.Location.File == trigger);

            Assert.Equal($"Service 'event-display' is not among the resources read (none is declared): {NotRead}{latin1}:1:6 (fix that error first)", error.Message);
        }
        finally
        {
            File.Delete(latin1);
            File.Delete(trigger);
        }
    }

    [Fact]
    public void A_ref_names_the_first_three_places_not_read_and_counts_the_others()
    {
        string broken = string.Concat(Enumerable.Range(0, 5).Select(i => $"apiVersion: v1\nkind: Service\nmetadata:\n  name: \"s{i}\n---\n"));
        string yaml = broken + Manifests.BrokerAndTrigger("{ ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: event-displya } }") + "---\n" + Manifests.Display;

        ManifestDiagnostic error = Assert.Single(Manifests.Load(yaml).Diagnostics, d => d.Field == "spec.subscriber.ref.name");

        Assert.Equal(
            $"Service 'event-displya' is not among the resources read; did you mean 'event-display'? (declared: event-display): {NotRead}test.yaml:4:9, test.yaml:9:9, test.yaml:14:9 and 2 more (fix those errors first)",
            error.Message);
    }
}
