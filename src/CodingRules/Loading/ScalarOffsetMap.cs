using CodingRules.Text;

namespace CodingRules.Loading;

/// <summary>
/// Maps a character offset inside a scalar's value back to the file, so that an error inside an expression
/// written in YAML is reported at its own line and column. Works for plain, quoted, literal and folded scalars by
/// walking the raw text beside the value: line folding and indentation in the raw text are skipped where the
/// value has a space, a line break, or nothing.
/// </summary>
public static class ScalarOffsetMap
{
    /// <summary>The file span of <paramref name="length"/> characters at <paramref name="offset"/> in the scalar's value.</summary>
    public static SourceSpan Map(DocScalar scalar, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var start = FileOffset(scalar, offset);
        var end = FileOffset(scalar, Math.Max(offset, offset + length - 1)) + 1;
        return new SourceSpan(scalar.Span.Source, start, Math.Max(end - start, 1));
    }

    private static int FileOffset(DocScalar scalar, int valueOffset)
    {
        var raw = scalar.Span.Source.Content;
        var value = scalar.Value;
        var r = scalar.Span.Start;
        if (scalar.IsQuoted)
        {
            r++; // opening quote
        }
        else if (scalar.IsBlock)
        {
            // skip the indicator line ("|", ">-", ...)
            while (r < raw.Length && raw[r] != '\n')
            {
                r++;
            }
        }

        valueOffset = Math.Clamp(valueOffset, 0, Math.Max(value.Length - 1, 0));
        for (var v = 0; v < value.Length && r < raw.Length; v++)
        {
            var c = value[v];
            // advance the raw pointer to the next character that can stand for c
            while (r < raw.Length && raw[r] != c)
            {
                if (!(char.IsWhiteSpace(raw[r]) || raw[r] == '\\' || raw[r] == '"' || raw[r] == '\''))
                {
                    break; // an escape or something we cannot align: stay put
                }

                r++;
            }

            if (v == valueOffset)
            {
                return Math.Min(r, raw.Length);
            }

            if (r < raw.Length && raw[r] == c)
            {
                r++;
            }
        }

        return Math.Min(r, raw.Length);
    }
}
