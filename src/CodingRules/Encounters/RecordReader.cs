using System.Buffers;
using System.Text.Json;

namespace CodingRules.Encounters;

/// <summary>
/// Splits an input file into encounter records. Two layouts are accepted:
/// <list type="bullet">
/// <item>one JSON document, compact or pretty-printed over many lines: an object is one record, a top-level array
/// has one record per element;</item>
/// <item>NDJSON: one record per non-blank line.</item>
/// </list>
/// The layout is decided from the first non-blank line: when it is a complete JSON value (or is not JSON at all)
/// and more non-blank lines follow, the input is NDJSON and is streamed line by line; otherwise the whole input is
/// read as one document. A document that is not valid JSON is one record (the caller reports it), unless its
/// second non-blank line is a complete JSON object, in which case it is NDJSON with a broken first line.
/// </summary>
/// <remarks>
/// Every record of the input comes out exactly once, invalid ones included, so that each gets one result.
/// Blank lines are not records; a UTF-8 byte order mark is ignored. Never throws on the input's content (only
/// the stream's own I/O errors pass through). Records are yielded lazily; the stream is read as they are.
/// </remarks>
public static partial class RecordReader
{
    // Splitting needs only to find where elements start and end; the depth limit of a record is the
    // EncounterReader's (one level less, inside the array), which then reports it against that record alone.
    private static readonly JsonReaderOptions SplitOptions = new() { MaxDepth = 1024 };

    /// <summary>Reads the records of <paramref name="input"/>, lazily, in input order.</summary>
    /// <param name="input">The input, UTF-8; not closed.</param>
    /// <returns>The records, numbered from 1, each with the line it starts on.</returns>
    public static IEnumerable<InputRecord> ReadRecords(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Read(input);
    }

    private static IEnumerable<InputRecord> Read(Stream input)
    {
        var lines = new Utf8LineReader(input);
        var consumed = new ArrayBufferWriter<byte>();
        ReadOnlyMemory<byte> line;
        LineKind first = LineKind.Blank;
        while (first == LineKind.Blank && lines.TryReadLine(out line))
        {
            consumed.Write(line.Span);
            first = Classify(line.Span);
        }

        if (first == LineKind.Blank)
        {
            yield break;
        }

        long firstLine = lines.LineNumber;
        if (first != LineKind.Incomplete)
        {
            int firstEnd = consumed.WrittenCount;
            bool more = false;
            while (!more && lines.TryReadLine(out line))
            {
                consumed.Write(line.Span);
                more = !IsBlank(line.Span);
            }

            if (more)
            {
                // NDJSON: the two lines read so far, then the rest streamed.
                int number = 1;
                ReadOnlyMemory<byte> all = consumed.WrittenMemory;
                yield return new InputRecord(number++, firstLine, Trim(all[..firstEnd]).ToArray());
                yield return new InputRecord(number++, lines.LineNumber, Trim(all[firstEnd..]).ToArray());
                while (lines.TryReadLine(out line))
                {
                    if (!IsBlank(line.Span))
                    {
                        yield return new InputRecord(number++, lines.LineNumber, Trim(line).ToArray());
                    }
                }

                yield break;
            }
        }
        else
        {
            lines.CopyRestTo(consumed);
        }

        foreach (InputRecord record in SplitDocument(consumed.WrittenMemory, firstLine))
        {
            yield return record;
        }
    }

    private static IEnumerable<InputRecord> SplitDocument(ReadOnlyMemory<byte> document, long firstLine)
    {
        List<Range>? elements = FindArrayElements(document.Span, out bool valid);
        if (elements is not null)
        {
            int number = 1;
            long line = 1;
            int scanned = 0;
            foreach (Range element in elements)
            {
                int start = element.Start.Value;
                line += document.Span[scanned..start].Count((byte)'\n');
                scanned = start;
                yield return new InputRecord(number++, line, document[element]);
            }
        }
        else if (valid || !IsSecondLineAnObject(document.Span))
        {
            yield return new InputRecord(1, firstLine, Trim(document));
        }
        else
        {
            foreach (InputRecord record in SplitLines(document))
            {
                yield return record;
            }
        }
    }
}
