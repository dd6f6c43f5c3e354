using System.Globalization;
using System.Text;

namespace CodingRules.Loading;

/// <summary>
/// How a text is written back as a YAML scalar that reads as the same text: the characters a single-quoted (or
/// plain) scalar may hold as they are, and the double-quoted form with YAML's escapes for the rest. Used by every
/// writer of rule files (flatten, fmt), so they agree. Pure and thread-safe.
/// </summary>
public static class YamlQuoting
{
    /// <summary>True when <paramref name="c"/> may stand as itself in a single-quoted scalar (printable, not a line break).</summary>
    public static bool IsPrintable(char c) =>
        c is '\t' or (>= ' ' and <= '~') || (c >= '\u00a0' && c is not ('\u2028' or '\u2029' or '\ufeff') && !char.IsControl(c) && c is not ('\ufffe' or '\uffff'));

    /// <summary>The text as a double-quoted scalar: quotes, backslashes, line breaks and unprintable characters escaped.</summary>
    public static string DoubleQuoted(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\u0085' => "\\N",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                _ when IsPrintable(c) => c.ToString(),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return text.Append('"').ToString();
    }
}
