using System.Buffers;
using System.Diagnostics.CodeAnalysis;
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
    private const string Ended = "it ends before the JSON is complete";

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
    /// <c>unexpected '}' at line 1, column 56</c>, or, when all of it is the start of some JSON,
    /// <c>it ends at line 1, column 7 before the JSON is complete</c>. Lines and columns count
    /// from 1; columns count characters.
    /// </summary>
    public static string Syntax(JsonException exception, ReadOnlySpan<byte> json)
    {
        (int line, int column, string problem) = Fault(exception, json);
        return line == 0 ? problem
            : problem == Ended ? $"it ends at line {line}, column {column} before the JSON is complete"
            : $"{problem} at line {line}, column {column}";
    }

    /// <summary>
    /// As <see cref="Syntax"/>, with the place apart from the words, for a finding that carries its own line and
    /// column: <c>(1, 56, "unexpected '}'")</c>, <c>(1, 7, "it ends before the JSON is complete")</c>, or line and
    /// column 0 when the parse said nowhere.
    /// </summary>
    public static (int Line, int Column, string Problem) Fault(JsonException exception, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (IsIncomplete(json))
        {
            return At(json, json.Length, Ended);
        }

        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } inLine)
        {
            return (0, 0, "it is not well-formed");
        }

        int offset = (int)Math.Min(LineStart(json, line) + inLine, json.Length);
        return offset < json.Length ? At(json, offset, $"unexpected {Found(json[offset..])}") : At(json, offset, Ended);
    }

    /// <summary>
    /// True when <paramref name="json"/> is well-formed JSON that nests deeper than <see cref="JsonReaderOptions.MaxDepth"/>'s
    /// default of 64, which every parse here keeps: a refusal then names the depth, not a character.
    /// </summary>
    public static bool NestsTooDeep(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        int deepest = 0;
        try
        {
            while (reader.Read())
            {
                deepest = Math.Max(deepest, reader.CurrentDepth);
            }

            return deepest >= DefaultMaxDepth;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What is said of JSON text that is not UTF-8, after what holds it.</summary>
    public const string NotUtf8 = "is not valid UTF-8 text (JSON is UTF-8; send the body in UTF-8, or name its charset in the Content-Type)";

    /// <summary>A JSON string's text; false when its bytes are not UTF-8, which .NET cannot turn into a string (it throws).</summary>
    public static bool TryText(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>A property's name, as <see cref="TryText"/> reads a value.</summary>
    public static bool TryName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>How deep JSON may nest in every parse here (System.Text.Json's default).</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>True when <paramref name="json"/> reads without error as the first part of a JSON text.</summary>
    private static bool IsIncomplete(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return reader.CurrentDepth > 0 || reader.BytesConsumed < json.Length || reader.TokenType == JsonTokenType.None;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary><paramref name="problem"/> at the line and column of the byte at <paramref name="offset"/>.</summary>
    private static (int Line, int Column, string Problem) At(ReadOnlySpan<byte> json, int offset, string problem)
    {
        ReadOnlySpan<byte> before = json[..offset];
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1, problem);
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
