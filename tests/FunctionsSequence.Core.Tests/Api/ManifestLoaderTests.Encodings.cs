using System.Text;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>A manifest file's encoding: UTF-8 as kubectl reads it, or UTF-16 or UTF-32 with a byte order mark.</summary>
public sealed partial class ManifestLoaderTests
{
    private static readonly string Greeting = PingData("data: '{\"message\": \"Hola se\u00F1or\"}'");

    [Fact]
    public void A_file_with_a_byte_that_is_not_utf8_is_an_error_at_the_byte_and_the_other_files_are_still_read()
    {
        // Latin-1 writes ñ as the one byte 0xF1, which starts a four-byte character in UTF-8; 'o' does not continue it.
        string latin1 = TempFile(Encoding.Latin1.GetBytes(Greeting));
        string other = TempFile(Encoding.UTF8.GetBytes("apiVersion: flows.knative.dev/v1\nkind: Sequense\nmetadata:\n  name: s\n"));
        string[] lines = Greeting.Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains('\u00F1', StringComparison.Ordinal));
        int column = lines[line].IndexOf('\u00F1', StringComparison.Ordinal) + 1;
        int offset = Encoding.Latin1.GetByteCount(Greeting[..Greeting.IndexOf('\u00F1', StringComparison.Ordinal)]);
        try
        {
            IReadOnlyList<ManifestDiagnostic> errors = new ManifestLoader().Load([latin1, other]).Diagnostics;

            ManifestDiagnostic encoding = Assert.Single(errors, d => d.Location.File == latin1);
            Assert.Single(errors, d => d.Location.File == other && d.Field == "kind");
            Assert.Equal(($"{latin1}:{line + 1}:{column}", "(file)"), (encoding.Location.ToString(), encoding.Field));
            Assert.Equal(
                $"is not valid UTF-8 (kubectl refuses it): the byte 0xF1 at byte offset {offset} does not begin or continue a UTF-8 character, "
                + "as in text saved as Latin-1 or Windows-1252; save the file as UTF-8",
                encoding.Message);
        }
        finally
        {
            File.Delete(latin1);
            File.Delete(other);
        }
    }

    [Fact]
    public void Standard_input_that_is_not_utf8_is_an_error_as_a_file_is()
    {
        using var piped = new MemoryStream(Encoding.Latin1.GetBytes(Greeting));

        ManifestDiagnostic error = Manifests.SingleError(new ManifestLoader().Load(["-"], piped));

        Assert.Equal((ManifestLoader.StandardInputName, "(file)"), (error.Location.File, error.Field));
        Assert.StartsWith("is not valid UTF-8 (kubectl refuses it): the byte 0xF1 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_in_utf8_is_read()
    {
        using var piped = new MemoryStream(Encoding.UTF8.GetBytes(Greeting));

        Assert.DoesNotContain(new ManifestLoader().Load(["-"], piped).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_file_that_ends_within_a_utf8_character_is_an_error_at_its_first_byte()
    {
        string file = TempFile([.. Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n# caf"), 0xC3]);
        try
        {
            ManifestDiagnostic error = Manifests.SingleError(new ManifestLoader().Load([file]));

            Assert.Equal(($"{file}:5:6", "(file)"), (error.Location.ToString(), error.Field));
            Assert.StartsWith("is not valid UTF-8 (kubectl refuses it): the byte 0xC3 at byte offset 56 begins a UTF-8 character that the file ends within", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void A_file_with_a_byte_order_mark_is_read_in_its_encoding(string name)
    {
        Encoding encoding = Encoding.GetEncoding(name);
        string file = TempFile([.. encoding.GetPreamble(), .. encoding.GetBytes(Greeting)]);
        try
        {
            ManifestLoadResult result = new ManifestLoader().Load([file]);

            Assert.Equal("{\"message\": \"Hola se\u00F1or\"}", Encoding.UTF8.GetString(result.EnsureValid().Sources[0].Data!.Value.Span));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string TempFile(byte[] bytes)
    {
        string file = Path.Combine(Path.GetTempPath(), $"fseq-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(file, bytes);
        return file;
    }
}
