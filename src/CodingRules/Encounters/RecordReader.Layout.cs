using System.Text.Json;

namespace CodingRules.Encounters;

public static partial class RecordReader
{
    private static ReadOnlySpan<byte> WhiteSpace => " \t\r\n"u8;

    private enum LineKind
    {
        /// <summary>Only white space.</summary>
        Blank,

        /// <summary>One complete JSON value.</summary>
        Complete,

        /// <summary>The valid start of a JSON value that goes on in later lines.</summary>
        Incomplete,

        /// <summary>Not JSON.</summary>
        Invalid,
    }

    private static LineKind Classify(ReadOnlySpan<byte> line)
    {
        if (IsBlank(line))
        {
            return LineKind.Blank;
        }

        if (IsJson(line, isFinalBlock: true))
        {
            return LineKind.Complete;
        }

        // Read as the first block of a longer text, a valid prefix runs out of data instead of failing.
        return IsJson(line, isFinalBlock: false) ? LineKind.Incomplete : LineKind.Invalid;
    }

    private static bool IsJson(ReadOnlySpan<byte> text, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(text, isFinalBlock, new JsonReaderState(SplitOptions));
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(WhiteSpace).IsEmpty;

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> text)
    {
        ReadOnlySpan<byte> span = text.Span;
        int start = span.Length - span.TrimStart(WhiteSpace).Length;
        int end = span.TrimEnd(WhiteSpace).Length;
        return start >= end ? ReadOnlyMemory<byte>.Empty : text[start..end];
    }

    /// <summary>
    /// The byte ranges of the elements when the document is a valid top-level array; null otherwise, with
    /// <paramref name="valid"/> telling whether the document is valid JSON at all.
    /// </summary>
    private static List<Range>? FindArrayElements(ReadOnlySpan<byte> document, out bool valid)
    {
        var reader = new Utf8JsonReader(document, SplitOptions);
        try
        {
            List<Range>? elements = null;
            _ = reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                elements = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    int start = checked((int)reader.TokenStartIndex);
                    reader.Skip();
                    elements.Add(start..checked((int)reader.BytesConsumed));
                }
            }
            else
            {
                reader.Skip();
            }

            // In final-block mode this throws when anything but white space follows the value.
            _ = reader.Read();
            valid = true;
            return elements;
        }
        catch (JsonException)
        {
            valid = false;
            return null;
        }
    }

    private static IEnumerable<InputRecord> SplitLines(ReadOnlyMemory<byte> document)
    {
        int number = 1;
        long lineNumber = 0;
        int start = 0;
        while (start < document.Length)
        {
            int length = document.Span[start..].IndexOf((byte)'\n');
            int end = length < 0 ? document.Length : start + length + 1;
            lineNumber++;
            ReadOnlyMemory<byte> line = Trim(document[start..end]);
            if (!line.IsEmpty)
            {
                yield return new InputRecord(number++, lineNumber, line);
            }

            start = end;
        }
    }
}
