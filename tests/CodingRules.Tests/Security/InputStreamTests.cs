using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Results;
using CodingRules.Tests.Cli;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Security;

/// <summary>
/// The input stream is read without cliffs: a record over the limit is cut while it is read (never held whole)
/// and is one error result, a long line from a pipe is read in linear time, the layout can be given, the guess
/// never merges lines, and N records, however corrupted, give N results in order; results are the same on many
/// threads at once.
/// </summary>
public sealed class InputStreamTests
{
    private const string Good = """{"id":"G","dateOfService":"2024-06-01","procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","imaging":"fluoroscopy","joints":[{"level":"L4-L5","side":"right"}]}]}""";

    [Theory]
    [InlineData(3L << 20)]
    [InlineData(400L << 20)]
    [InlineData((1L << 30) + (1L << 20))]
    public void ALineOverTheLimitIsOneTooLargeRecordAndIsNeverHeldWhole(long length)
    {
        // Note: a pipe that delivers 4 KiB per read; the long line is made as it is read, never held by the test.
        using var input = new GeneratedStream(Encoding.UTF8.GetBytes(Good + "\n"), length, Encoding.UTF8.GetBytes("\n" + Good + "\n"), chunk: 4096);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();

        var records = RecordReader.ReadRecords(input).Select(r => (r.Number, r.Line, Result: EncounterReader.Read(r.Utf8.Span))).ToList();

        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal([(1, 1L), (2, 2L), (3, 3L)], records.Select(r => (r.Number, r.Line)));
        Assert.True(records[0].Result.IsValid && records[2].Result.IsValid);
        Assert.Equal("CR5007", Assert.Single(records[1].Result.Errors).Id);
        Assert.Contains("larger than 1048576 bytes", records[1].Result.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(allocated < 16L << 20, $"{allocated:#,0} bytes allocated to read a line of {length:#,0}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{watch.Elapsed}"); // Note: a hang guard, not a speed claim.
    }

    [Theory]
    [InlineData(InputLayout.Guess)]
    [InlineData(InputLayout.Ndjson)]
    public void ALineOverTheLimitAfterBlankLinesIsOneTooLargeRecordOnItsOwnLine(InputLayout layout)
    {
        using var input = new GeneratedStream(Encoding.UTF8.GetBytes(Good + "\n\n  \n  "), 2L << 20, Encoding.UTF8.GetBytes("\n" + Good + "\n"), chunk: 4096);

        var records = RecordReader.ReadRecords(input, layout).Select(r => (r.Number, r.Line, Result: EncounterReader.Read(r.Utf8.Span))).ToList();

        Assert.Equal([(1, 1L), (2, 4L), (3, 5L)], records.Select(r => (r.Number, r.Line)));
        Assert.Equal("CR5007", Assert.Single(records[1].Result.Errors).Id);
        Assert.True(records[2].Result.IsValid);
    }

    [Fact]
    public void AnInputWhoseFirstLineOpensADocumentButThatGrowsPastTheDocumentLimitIsReadAsLinesAndLosesNoRecord()
    {
        // Note: an opened document, then records as lines until past 32 MiB: the guess gives up on the document and
        // every line is a record, the one that crossed the limit included, whole.
        var line = Encoding.UTF8.GetBytes(Good + "\n");
        var count = (RecordReader.MaxDocumentBytes / line.Length) + 10;
        var input = new MemoryStream([.. "{\"id\":\n"u8, .. Enumerable.Range(0, count).SelectMany(_ => line)]);

        var records = RecordReader.ReadRecords(input).Select(r => EncounterReader.Read(r.Utf8.Span)).ToList();

        Assert.Equal(count + 1, records.Count);
        Assert.False(records[0].IsValid);
        Assert.All(records.Skip(1), r => Assert.True(r.IsValid));
    }

    [Fact]
    public void AFirstLineOverTheDocumentLimitIsOneTooLargeRecordAndTheRestAreRead()
    {
        using var input = new GeneratedStream("["u8.ToArray(), RecordReader.MaxDocumentBytes + 10L, Encoding.UTF8.GetBytes("\n" + Good + "\n"), chunk: 65536);

        var records = RecordReader.ReadRecords(input).Select(r => EncounterReader.Read(r.Utf8.Span)).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal("CR5007", Assert.Single(records[0].Errors).Id);
        Assert.True(records[1].IsValid);
    }

    [Theory]
    [InlineData(InputLayout.Guess, 1)]
    [InlineData(InputLayout.Ndjson, 4)]
    [InlineData(InputLayout.Json, 1)]
    public void TheLayoutCanBeGiven(InputLayout layout, int records)
    {
        var input = "{\n  \"id\": \"E-1\",\n  \"dateOfService\": \"2024-06-01\"\n}\n";

        Assert.Equal(records, RecordReader.ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(input)), layout).Count());
    }

    [Fact]
    public void AValidPrettyPrintedArrayIsStillReadAsADocumentWhenGuessed()
    {
        var input = "[\n  " + Good + ",\n  " + Good.Replace("\"G\"", "\"H\"", StringComparison.Ordinal) + "\n]\n";

        var records = RecordReader.ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(input))).Select(r => EncounterReader.Read(r.Utf8.Span)).ToList();

        Assert.Equal(["G", "H"], records.Select(r => r.Encounter?.Id));
    }

    [Fact]
    public void TheCliTakesTheLayoutAndGivesOneResultPerRecord()
    {
        var input = "{\"id\":\"A\",\n{\"id\":\"B\",\n" + Good + "\n" + Good.Replace("\"G\"", "\"H\"", StringComparison.Ordinal) + "\n";

        var guessed = CliProcess.Run(input, "evaluate", "-");
        var ndjson = CliProcess.Run(input, "evaluate", "--input", "ndjson", "-");
        var json = CliProcess.Run(input, "evaluate", "--input", "json", "-");
        var wrong = CliProcess.Run(input, "evaluate", "--input", "xml", "-");

        Assert.True(guessed.ExitCode == 1, guessed.ToString());
        Assert.Equal(4, guessed.OutLines.Length);
        Assert.Equal(guessed.Out, ndjson.Out);
        Assert.Contains("\"encounterId\":\"H\"", guessed.OutLines[3], StringComparison.Ordinal);
        Assert.Single(json.OutLines);
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
    }

    /// <summary>
    /// N records, each then corrupted at random (cut short, bytes replaced, garbage, a record too large), give N
    /// results in order, whether the layout is given as NDJSON or guessed.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property AStreamOfNRecordsWithArbitraryCorruptionGivesNResultsInOrder() =>
        Prop.ForAll(Arb.From(from n in Gen.Choose(1, 40) from c in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 5), Gen.Choose(0, 1000)), n) select c), Arb.From(Gen.Elements(InputLayout.Guess, InputLayout.Ndjson)), (corruptions, layout) =>
        {
            var lines = corruptions.Select((c, i) => Corrupt(Good.Replace("\"G\"", $"\"R{i}\"", StringComparison.Ordinal), c.Item1, c.Item2)).ToArray();
            var input = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

            var results = RecordReader.ReadRecords(new MemoryStream(input), layout).Select(r => (r.Number, Result: EncounterReader.Read(r.Utf8.Span))).ToList();

            var ids = Enumerable.Range(0, lines.Length).Select(i => corruptions[i].Item1 == 0 ? $"R{i}" : null);
            return (results.Count == lines.Length
                    && results.Select(r => r.Number).SequenceEqual(Enumerable.Range(1, lines.Length))
                    && results.Select(r => r.Result.IsValid ? r.Result.Encounter!.Id : null).SequenceEqual(ids))
                .Label($"{lines.Length} lines, {results.Count} records ({layout}):\n{string.Join("\n", lines.Select(l => l.Length > 120 ? l[..120] + "..." : l))}");
        });

    [Fact]
    public void ManyThreadsGiveByteIdenticalResults()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false);
        Assert.DoesNotContain(diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        var records = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "examples", "encounters-sample.ndjson")).Where(l => l.Length > 0).Take(200).Select(Encoding.UTF8.GetBytes).ToArray();
        Assert.True(records.Length >= 5, "the shipped examples");
        var expected = records.Select(r => Json(catalog.Evaluate(r))).ToArray();

        var mismatches = 0;
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            for (var round = 0; round < 10; round++)
            {
                for (var i = 0; i < records.Length; i++)
                {
                    var k = (i + thread + round) % records.Length;
                    if (!Json(catalog.Evaluate(records[k])).AsSpan().SequenceEqual(expected[k]))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
        });

        Assert.Equal(0, mismatches);
    }

    private static byte[] Json(EvaluationResult result)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ResultJsonWriter.Write(writer, result);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>0 leaves the record intact; 1 cuts it short; 2 replaces bytes; 3 is garbage; 4 opens a document; 5 is too large.</summary>
    private static string Corrupt(string record, int how, int seed) => how switch
    {
        0 => record,
        1 => record[..(1 + (seed % (record.Length - 1)))],
        2 => string.Concat(record.Select((c, i) => (i * 31 + seed) % 17 == 0 ? (char)('!' + ((i + seed) % 90)) : c)),
        3 => new string((char)('!' + (seed % 90)), 1 + (seed % 50)),
        4 => seed % 2 == 0 ? "[" : "{\"id\":",
        _ => "{\"id\":\"" + new string('x', EncounterContract.MaxRecordBytes + seed) + "\"}",
    };

    /// <summary>A stream of a prefix, <c>length</c> bytes of 'x' (made as they are read) and a suffix, at most <c>chunk</c> bytes per read.</summary>
    private sealed class GeneratedStream(byte[] prefix, long length, byte[] suffix, int chunk) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + length + suffix.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(Math.Min(buffer.Length, chunk), Length - _position);
            var written = 0;
            while (written < n)
            {
                var p = _position + written;
                var part = p < prefix.Length ? (int)Math.Min(n - written, prefix.Length - p)
                    : p < prefix.Length + length ? (int)Math.Min(n - written, prefix.Length + length - p)
                    : n - written;
                var target = buffer.Slice(written, part);
                if (p < prefix.Length)
                {
                    prefix.AsSpan((int)p, part).CopyTo(target);
                }
                else if (p < prefix.Length + length)
                {
                    target.Fill((byte)'x');
                }
                else
                {
                    suffix.AsSpan((int)(p - prefix.Length - length), part).CopyTo(target);
                }

                written += part;
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
