using System.Text;
using CodingRules.Encounters;

namespace CodingRules.Tests.Encounters;

public sealed class RecordReaderTests
{
    private static List<InputRecord> Records(string input) => Records(Encoding.UTF8.GetBytes(input));

    private static List<InputRecord> Records(byte[] input) => [.. RecordReader.ReadRecords(new MemoryStream(input))];

    private static string Text(InputRecord record) => Encoding.UTF8.GetString(record.Utf8.Span);

    private static (int Number, long Line)[] Positions(List<InputRecord> records) => [.. records.Select(r => (r.Number, r.Line))];

    [Fact]
    public void ASinglePrettyPrintedObjectIsOneRecord()
    {
        var records = Records("\n{\n  \"id\": \"E-1\",\n  \"procedures\": [\n    {\"kind\": \"k\"}\n  ]\n}\n\n");

        var record = Assert.Single(records);
        Assert.Equal((1, 2L), (record.Number, record.Line));
        Assert.True(EncounterReader.Read(record.Utf8.Span).EncounterId == "E-1");
    }

    [Fact]
    public void ASingleCompactObjectIsOneRecord()
    {
        var record = Assert.Single(Records("{\"id\":\"E-1\"}"));

        Assert.Equal("{\"id\":\"E-1\"}", Text(record));
    }

    [Fact]
    public void NdjsonWithBlankLinesAndAGarbageLineYieldsOneRecordPerNonBlankLine()
    {
        var records = Records("{\"id\":\"A\"}\n\n{\"id\":\"B\"}\r\nnot json at all\n   \n{\"id\":\"C\"}\n{\"id\":\n");

        Assert.Equal([(1, 1L), (2, 3L), (3, 4L), (4, 6L), (5, 7L)], Positions(records));
        Assert.Equal(["{\"id\":\"A\"}", "{\"id\":\"B\"}", "not json at all", "{\"id\":\"C\"}", "{\"id\":"], records.Select(Text));
    }

    [Fact]
    public void NdjsonWhoseFirstLineIsGarbageIsStillNdjson()
    {
        var records = Records("garbage\n{\"id\":\"A\"}\n{\"id\":\"B\"}");

        Assert.Equal([(1, 1L), (2, 2L), (3, 3L)], Positions(records));
        Assert.Equal("garbage", Text(records[0]));
    }

    [Fact]
    public void NdjsonWhoseFirstLineIsTruncatedStillYieldsEveryLine()
    {
        var records = Records("{\"id\":\"A\",\n{\"id\":\"B\"}\n{\"id\":\"C\"}\n");

        Assert.Equal([(1, 1L), (2, 2L), (3, 3L)], Positions(records));
        Assert.Equal("{\"id\":\"A\",", Text(records[0]));
    }

    [Fact]
    public void ABrokenPrettyPrintedDocumentIsOneRecordPerLineWhenGuessedAndOneRecordWhenGivenAsJson()
    {
        var input = "{\n  \"id\": \"E-1\"\n  \"procedures\": []\n}\n";

        // Note: the guess never merges lines into a record that is not valid JSON: a line reader's four records.
        Assert.Equal([(1, 1L), (2, 2L), (3, 3L), (4, 4L)], Positions(Records(input)));
        var record = Assert.Single(RecordReader.ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(input)), InputLayout.Json));
        Assert.Equal(1L, record.Line);
        Assert.Equal("CR5001", Assert.Single(EncounterReader.Read(record.Utf8.Span).Errors).Id);
    }

    [Fact]
    public void TwoTruncatedFirstLinesAreNotMergedWithTheRest()
    {
        var records = Records("{\"id\":\"A\",\n{\"id\":\"B\",\n{\"id\":\"C\"}\n{\"id\":\"D\"}\n");

        Assert.Equal([(1, 1L), (2, 2L), (3, 3L), (4, 4L)], Positions(records));
        Assert.Equal("{\"id\":\"B\",", Text(records[1]));
    }

    [Fact]
    public void ATopLevelArrayYieldsEachElementWithTheLineItStartsOn()
    {
        var records = Records("[\n  {\"id\": \"A\"},\n\n  {\n    \"id\": \"B\"\n  },\n  42\n]\n");

        Assert.Equal([(1, 2L), (2, 4L), (3, 7L)], Positions(records));
        Assert.Equal(["{\"id\": \"A\"}", "{\n    \"id\": \"B\"\n  }", "42"], records.Select(Text));
    }

    [Fact]
    public void ACompactTopLevelArrayOnOneLineIsSplitToo()
    {
        var records = Records("[{\"id\":\"A\"},{\"id\":\"B\"}]");

        Assert.Equal([(1, 1L), (2, 1L)], Positions(records));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \r\n")]
    [InlineData("[]")]
    [InlineData("\uFEFF")]
    public void InputWithoutRecordsYieldsNone(string input)
    {
        Assert.Empty(Records(input));
    }

    [Fact]
    public void AByteOrderMarkIsIgnored()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"id\":\"A\"}\n{\"id\":\"B\"}\n")];

        var records = Records(input);

        Assert.Equal(["{\"id\":\"A\"}", "{\"id\":\"B\"}"], records.Select(Text));
    }

    [Fact]
    public void InvalidBytesAreARecordLikeAnyOther()
    {
        byte[] input = [.. Encoding.UTF8.GetBytes("{\"id\":\"A\"}\n"), 0xFF, 0xFE, 0x00, (byte)'\n', .. Encoding.UTF8.GetBytes("{\"id\":\"B\"}")];

        var records = Records(input);

        Assert.Equal(3, records.Count);
        Assert.Equal([0xFF, 0xFE, 0x00], records[1].Utf8.ToArray());
    }

    [Fact]
    public void LinesLongerThanTheReadBlockAreKeptWhole()
    {
        string payer = new('p', 200_000);
        string line = "{\"id\":\"A\",\"payer\":\"" + payer + "\"}";
        var records = Records(line + "\n" + line + "\n" + line);

        Assert.Equal([(1, 1L), (2, 2L), (3, 3L)], Positions(records));
        Assert.All(records, r => Assert.Equal(line, Text(r)));
    }

    [Fact]
    public void ARecordKeepsItsBytesWhileLaterRecordsAreRead()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"{{\"id\":\"E-{i}\"}}");
        var records = Records(string.Join('\n', lines));

        Assert.Equal(lines, records.Select(Text));
    }

    [Fact]
    public void AStreamThatDeliversOneByteAtATimeGivesTheSameRecords()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("\n{\"id\":\"A\"}\n\n{\"id\":\"B\"}\n[1,\n")];

        var trickled = RecordReader.ReadRecords(new TrickleStream(input)).ToList();

        Assert.Equal(Positions(Records(input)), Positions(trickled));
        Assert.Equal(Records(input).Select(Text), trickled.Select(Text));
    }

    [Fact]
    public void EveryRecordOfAMixedFileGetsOneReadResult()
    {
        var input = "{\"id\":\"A\",\"dateOfService\":\"2024-09-18\",\"procedures\":[]}\n[1,2]\n{\"id\":\n\n\"str\"\n";

        var results = Records(input).Select(r => EncounterReader.Read(r.Utf8.Span)).ToList();

        Assert.Equal([true, false, false, false], results.Select(r => r.IsValid));
    }

    /// <summary>A stream that returns at most one byte per read.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
