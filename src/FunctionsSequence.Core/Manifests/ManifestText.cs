using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// The text of a manifest file: UTF-8, with or without a byte order mark, or UTF-16 or UTF-32 with one, as
/// <see cref="File.ReadAllText(string)"/> reads them. Bytes that are not UTF-8 are an error at the first of them,
/// as kubectl refuses them, where decoding would put U+FFFD in their place and run the manifests with it.
/// </summary>
internal static class ManifestText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The text of <paramref name="bytes"/>, read from <paramref name="file"/>; false, with the error at the first bad byte, when it is not UTF-8.</summary>
    public static bool TryDecode(byte[] bytes, string file, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out ManifestDiagnostic? error)
    {
        error = null;
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
            return true;
        }

        int bom = bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        ReadOnlySpan<byte> utf8 = bytes.AsSpan(bom);
        if (Utf8.IsValid(utf8))
        {
            text = Encoding.UTF8.GetString(utf8);
            return true;
        }

        // Decoded up to the bad byte, so its line and column are counted in characters, as YAML's are.
        char[] chars = new char[utf8.Length];
        Utf8.ToUtf16(utf8, chars, out int read, out int written, replaceInvalidSequences: false);
        ReadOnlySpan<char> before = chars.AsSpan(0, written);
        int line = before.Count('\n') + 1;
        int column = before.Length - before.LastIndexOf('\n');
        text = null;
        string why = Rune.DecodeFromUtf8(utf8[read..], out _, out _) == OperationStatus.NeedMoreData
            ? "begins a UTF-8 character that the file ends within, as in a file cut short"
            : "does not begin or continue a UTF-8 character, as in text saved as Latin-1 or Windows-1252";
        error = new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(file, line, column), null, "(file)",
            $"is not valid UTF-8 (kubectl refuses it): the byte 0x{utf8[read]:X2} at byte offset {bom + read} {why}; save the file as UTF-8");
        return false;
    }
}
