using System.Globalization;

namespace FunctionsSequence.Core.Filtering.Cesql;

/// <summary>A CESQL value: a boolean, a 32-bit integer or a string, compared by type and content.</summary>
public readonly record struct CesqlValue
{
    private readonly bool boolean;
    private readonly int integer;
    private readonly string? text;

    private CesqlValue(CesqlType type, bool boolean, int integer, string? text)
    {
        Type = type;
        this.boolean = boolean;
        this.integer = integer;
        this.text = text;
    }

    /// <summary>The boolean <c>true</c>.</summary>
    public static CesqlValue True { get; } = Of(true);

    /// <summary>The boolean <c>false</c>, also the value of an expression whose type the engine cannot tell (spec §3.2).</summary>
    public static CesqlValue False { get; } = Of(false);

    /// <summary>The value's type.</summary>
    public CesqlType Type { get; }

    /// <summary>A boolean value.</summary>
    public static CesqlValue Of(bool value) => new(CesqlType.Boolean, value, 0, null);

    /// <summary>An integer value.</summary>
    public static CesqlValue Of(int value) => new(CesqlType.Integer, false, value, null);

    /// <summary>A string value.</summary>
    public static CesqlValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(CesqlType.String, false, 0, value);
    }

    /// <summary>The zero value of a type (spec §3.1): <c>false</c>, <c>0</c> or <c>""</c>.</summary>
    public static CesqlValue Zero(CesqlType type) => type switch
    {
        CesqlType.Integer => Of(0),
        CesqlType.String => Of(string.Empty),
        _ => False,
    };

    /// <summary>The boolean; throws when the value is of another type.</summary>
    public bool AsBoolean() => Type == CesqlType.Boolean ? boolean : throw WrongType(CesqlType.Boolean);

    /// <summary>The integer; throws when the value is of another type.</summary>
    public int AsInteger() => Type == CesqlType.Integer ? integer : throw WrongType(CesqlType.Integer);

    /// <summary>The string; throws when the value is of another type.</summary>
    public string AsString() => Type == CesqlType.String ? text! : throw WrongType(CesqlType.String);

    /// <summary>The value as a <see cref="bool"/>, <see cref="int"/> or <see cref="string"/>.</summary>
    public object ToObject() => Type switch
    {
        CesqlType.Boolean => boolean,
        CesqlType.Integer => integer,
        _ => text!,
    };

    /// <summary>The value as the <c>STRING</c> cast writes it: <c>true</c>, <c>-12</c>, or the string itself.</summary>
    public override string ToString() => Type switch
    {
        CesqlType.Boolean => boolean ? "true" : "false",
        CesqlType.Integer => integer.ToString(CultureInfo.InvariantCulture),
        _ => text!,
    };

    /// <summary>
    /// Casts to <paramref name="target"/> with the semantics of spec §3.7. On failure (a string that
    /// is not an integer or a boolean) <paramref name="result"/> is the target's zero value, as the
    /// spec says the cast returns it along with its error.
    /// </summary>
    internal bool TryCast(CesqlType target, out CesqlValue result)
    {
        if (Type == target)
        {
            result = this;
            return true;
        }

        switch (target)
        {
            case CesqlType.String:
                result = Of(ToString());
                return true;
            case CesqlType.Integer when Type == CesqlType.Boolean:
                result = Of(boolean ? 1 : 0);
                return true;
            case CesqlType.Integer:
                // Base 10, an optional leading sign, no spaces or separators, within 32 bits.
                bool parsed = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number);
                result = Of(number);
                return parsed;
            case CesqlType.Boolean when Type == CesqlType.Integer:
                result = Of(integer != 0);
                return true;
            default:
                string lower = text!.ToLowerInvariant();
                result = Of(lower == "true");
                return lower is "true" or "false";
        }
    }

    private InvalidOperationException WrongType(CesqlType wanted) =>
        new($"The CESQL value {this} is {(Type == CesqlType.Integer ? "an" : "a")} {Type}, not {(wanted == CesqlType.Integer ? "an" : "a")} {wanted}.");
}
