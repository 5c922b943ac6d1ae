using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// What is wrong with JSON, in plain words: where a parse stopped and what it found there, and what
/// kind a value is. No .NET exception text, so the wording is the same on every runtime and culture,
/// and it quotes no more of the input than one character.
/// </summary>
public static class JsonErrors
{
    /// <summary>A JSON value's kind in words, for messages ("a string", "an object").</summary>
    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "a list",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>
    /// Where and why <paramref name="json"/> is not JSON, from the exception its parse threw:
    /// <c>unexpected '}' at line 1, column 56</c>, or <c>it ends at line 1, column 7 before the JSON
    /// is complete</c>. Lines and columns count from 1; columns count characters.
    /// </summary>
    public static string Syntax(JsonException exception, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } inLine)
        {
            return "it is not well-formed";
        }

        int start = LineStart(json, line);
        int offset = (int)Math.Min(start + inLine, json.Length);
        string where = $"line {line + 1}, column {Encoding.UTF8.GetCharCount(json[start..offset]) + 1}";
        ReadOnlySpan<byte> rest = json[offset..];
        return rest.Trim(" \t\r\n"u8).IsEmpty
            ? $"it ends at {where} before the JSON is complete"
            : $"unexpected {Found(rest)} at {where}";
    }

    /// <summary>The offset of the first byte of line <paramref name="line"/> (from 0), as the reader counts lines (by <c>\n</c>).</summary>
    private static int LineStart(ReadOnlySpan<byte> json, long line)
    {
        int start = 0;
        for (long i = 0; i < line; i++)
        {
            int newLine = json[start..].IndexOf((byte)'\n');
            if (newLine < 0)
            {
                break;
            }

            start += newLine + 1;
        }

        return start;
    }

    /// <summary>The character at the start of <paramref name="text"/>, quoted, or named when it does not print.</summary>
    private static string Found(ReadOnlySpan<byte> text) => text[0] switch
    {
        (byte)' ' => "space",
        (byte)'\t' => "tab",
        (byte)'\r' or (byte)'\n' => "line break",
        >= 0x21 and < 0x7F => $"'{(char)text[0]}'",
        _ => Rune.DecodeFromUtf8(text, out Rune rune, out _) == OperationStatus.Done && !Rune.IsControl(rune)
            ? $"'{rune}'"
            : $"byte 0x{text[0]:X2}",
    };
}
