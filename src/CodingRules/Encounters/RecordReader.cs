using System.Buffers;
using System.Text.Json;

namespace CodingRules.Encounters;

/// <summary>How an input file holds its records.</summary>
public enum InputLayout
{
    /// <summary>Decided from the input (see <see cref="RecordReader"/>).</summary>
    Guess,

    /// <summary>One record per non-blank line.</summary>
    Ndjson,

    /// <summary>One JSON document: an object is one record, a top-level array has one record per element.</summary>
    Json,
}

/// <summary>
/// Splits an input file into encounter records. Two layouts are accepted:
/// <list type="bullet">
/// <item>NDJSON: one record per non-blank line, streamed; a line longer than
/// <see cref="EncounterContract.MaxRecordBytes"/> is cut while it is read (never held whole) and is one record too
/// large for the encounter reader;</item>
/// <item>one JSON document of at most <see cref="MaxDocumentBytes"/>, compact or pretty-printed over many lines: an
/// object is one record, a top-level array has one record per element.</item>
/// </list>
/// The layout is given (<see cref="InputLayout"/>) or guessed from the first non-blank line: when it is a complete
/// JSON value (or is not JSON at all) and more non-blank lines follow, the input is NDJSON. Otherwise the input is
/// read as one document, and it is one only if the whole of it is valid JSON within the size limit; if not, each of
/// its non-blank lines is a record, as a line reader would see them. The guess never merges lines into a record
/// that is not valid JSON.
/// </summary>
/// <remarks>
/// Every record of the input comes out exactly once, invalid ones included, so that each gets one result.
/// Blank lines are not records; a UTF-8 byte order mark is ignored. Never throws on the input's content (only
/// the stream's own I/O errors pass through). Records are yielded lazily; the stream is read as they are. Memory:
/// one line of at most the record limit in NDJSON; at most <see cref="MaxDocumentBytes"/> while a document is read.
/// </remarks>
public static partial class RecordReader
{
    /// <summary>
    /// The largest input read as one JSON document (32 MiB); a larger document is one record too large (given as
    /// <see cref="InputLayout.Json"/>) or read as lines (guessed). Larger inputs are given as NDJSON, which streams.
    /// </summary>
    public const int MaxDocumentBytes = 32 * 1024 * 1024;

    // Note: a line cut while read keeps its first bytes, one more than the record limit, white space included (a line
    // is too large when it is longer than the limit as written), so the encounter reader reports it too large. The
    // kept bytes are a copy the record owns.
    private const int KeepOfCutLine = EncounterContract.MaxRecordBytes + 1;

    // Splitting needs only to find where elements start and end; the depth limit of a record is the
    // EncounterReader's (one level less, inside the array), which then reports it against that record alone.
    private static readonly JsonReaderOptions SplitOptions = new() { MaxDepth = 1024 };

    /// <summary>Reads the records of <paramref name="input"/>, lazily, in input order.</summary>
    /// <param name="input">The input, UTF-8; not closed.</param>
    /// <param name="layout">The layout, or <see cref="InputLayout.Guess"/>.</param>
    /// <returns>The records, numbered from 1, each with the line it starts on.</returns>
    public static IEnumerable<InputRecord> ReadRecords(Stream input, InputLayout layout = InputLayout.Guess)
    {
        ArgumentNullException.ThrowIfNull(input);
        return layout switch
        {
            InputLayout.Ndjson => ReadLines(new Utf8LineReader(input, EncounterContract.MaxRecordBytes, KeepOfCutLine), 1),
            InputLayout.Json => ReadDocument(input),
            _ => Guess(input),
        };
    }

    /// <summary>Every non-blank line from here on is a record; a line cut at the limit is kept as cut (too large).</summary>
    private static IEnumerable<InputRecord> ReadLines(Utf8LineReader lines, int number)
    {
        lines.MaxLineBytes = EncounterContract.MaxRecordBytes;
        while (lines.TryReadLine(out var line))
        {
            if (lines.LastLineWasCut)
            {
                yield return new InputRecord(number++, lines.LineNumber, line);
            }
            else if (!IsBlank(line.Span))
            {
                yield return new InputRecord(number++, lines.LineNumber, Trim(line).ToArray());
            }
        }
    }

    private static IEnumerable<InputRecord> ReadDocument(Stream input)
    {
        var lines = new Utf8LineReader(input, MaxDocumentBytes, KeepOfCutLine);
        var document = new ArrayBufferWriter<byte>();
        long firstLine = 0;
        while (lines.TryReadLine(out var line))
        {
            if (lines.LastLineWasCut || document.WrittenCount + line.Length > MaxDocumentBytes)
            {
                // Note: the document as one record, cut at the record limit: one error result, never more memory.
                byte[] cut = document.WrittenCount >= EncounterContract.MaxRecordBytes + 1
                    ? document.WrittenSpan[..(EncounterContract.MaxRecordBytes + 1)].ToArray()
                    : [.. document.WrittenSpan, .. line.Span[..Math.Min(line.Length, EncounterContract.MaxRecordBytes + 1 - document.WrittenCount)]];
                yield return new InputRecord(1, Math.Max(firstLine, 1), cut);
                while (lines.TryReadLine(out _))
                {
                }

                yield break;
            }

            if (firstLine == 0 && !IsBlank(line.Span))
            {
                firstLine = lines.LineNumber;
            }

            document.Write(line.Span);
            lines.MaxLineBytes = MaxDocumentBytes - document.WrittenCount;
        }

        if (firstLine > 0)
        {
            foreach (var record in SplitDocument(document.WrittenMemory, firstLine, splitInvalid: false))
            {
                yield return record;
            }
        }
    }

    private static IEnumerable<InputRecord> Guess(Stream input)
    {
        // Note: the first line may be a whole compact document, so it may be as long as one.
        var lines = new Utf8LineReader(input, MaxDocumentBytes, KeepOfCutLine);
        var consumed = new ArrayBufferWriter<byte>();
        ReadOnlyMemory<byte> line;
        var first = LineKind.Blank;
        var firstCut = false;
        ReadOnlyMemory<byte> cutLine = default;
        while (first == LineKind.Blank && lines.TryReadLine(out line))
        {
            consumed.Write(line.Span);
            firstCut = lines.LastLineWasCut;
            cutLine = firstCut ? line : default; // Note: a cut line is a copy of its own, kept across reads.
            first = firstCut ? LineKind.Invalid : Classify(line.Span);
        }

        if (first == LineKind.Blank)
        {
            yield break;
        }

        var firstLine = lines.LineNumber;
        if (first != LineKind.Incomplete)
        {
            var firstEnd = consumed.WrittenCount;
            var more = false;
            lines.MaxLineBytes = EncounterContract.MaxRecordBytes;
            var secondCut = false;
            ReadOnlyMemory<byte> secondCutLine = default;
            while (!more && lines.TryReadLine(out line))
            {
                consumed.Write(line.Span);
                secondCut = lines.LastLineWasCut;
                secondCutLine = secondCut ? line : default;
                more = secondCut || !IsBlank(line.Span);
            }

            if (more || firstCut)
            {
                // NDJSON: the lines read so far, then the rest streamed.
                var all = consumed.WrittenMemory;
                yield return new InputRecord(1, firstLine, firstCut ? cutLine : Trim(all[..firstEnd]).ToArray());
                if (!more)
                {
                    yield break;
                }

                yield return new InputRecord(2, lines.LineNumber, secondCut ? secondCutLine : Trim(all[firstEnd..]).ToArray());
                foreach (var record in ReadLines(lines, 3))
                {
                    yield return record;
                }

                yield break;
            }

            foreach (var record in SplitDocument(consumed.WrittenMemory, firstLine, splitInvalid: true))
            {
                yield return record;
            }

            yield break;
        }

        // A document begins: read it whole while it fits; a line too long or a document too large ends the guess,
        // and every line is a record. Note: each line may be as long as a document, so the line that ends the guess
        // is read whole (a record of its own), never cut to the room left in the document.
        lines.MaxLineBytes = MaxDocumentBytes;
        while (true)
        {
            if (!lines.TryReadLine(out line))
            {
                foreach (var record in SplitDocument(consumed.WrittenMemory, firstLine, splitInvalid: true))
                {
                    yield return record;
                }

                yield break;
            }

            if (lines.LastLineWasCut || consumed.WrittenCount + line.Length > MaxDocumentBytes)
            {
                break;
            }

            consumed.Write(line.Span);
        }

        // Note: the lines read so far were not too long for a record unless longer than the record limit; the
        // encounter reader reports those. The line that ended the guess is the next record, cut if it was.
        var number = 1;
        foreach (var record in SplitLines(consumed.WrittenMemory))
        {
            yield return record;
            number++;
        }

        var last = lines.LastLineWasCut ? line : Trim(line).ToArray();
        if (!last.IsEmpty)
        {
            yield return new InputRecord(number++, lines.LineNumber, last);
        }

        foreach (var record in ReadLines(lines, number))
        {
            yield return record;
        }
    }

    private static IEnumerable<InputRecord> SplitDocument(ReadOnlyMemory<byte> document, long firstLine, bool splitInvalid)
    {
        var elements = FindArrayElements(document.Span, out var valid);
        if (elements is not null)
        {
            var number = 1;
            long line = 1;
            var scanned = 0;
            foreach (var element in elements)
            {
                var start = element.Start.Value;
                line += document.Span[scanned..start].Count((byte)'\n');
                scanned = start;
                yield return new InputRecord(number++, line, document[element]);
            }
        }
        else if (valid || !splitInvalid)
        {
            yield return new InputRecord(1, firstLine, Trim(document));
        }
        else
        {
            foreach (var record in SplitLines(document))
            {
                yield return record;
            }
        }
    }
}
