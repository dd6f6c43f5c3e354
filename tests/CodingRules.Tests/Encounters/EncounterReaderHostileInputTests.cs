using System.Text;
using CodingRules.Encounters;
using FsCheck.Xunit;

namespace CodingRules.Tests.Encounters;

/// <summary>Malformed, truncated, oversized and deeply nested records: always a result, never an exception.</summary>
public sealed class EncounterReaderHostileInputTests
{
    private const string ValidRecord = """
        {"id":"E-1","dateOfService":"2024-09-18","payer":"p","diagnoses":["M47.816"],
         "procedures":[{"kind":"k","technique":"radiofrequency","temperatureCelsius":80,"imaging":"ct",
           "joints":[{"level":"L4-L5","side":"bilateral"},{"level":"l5–s1","side":"left"}],
           "nerves":[{"nerve":"L3 MB","side":"right"},{"nerve":"third occipital nerve","side":"left"}]}],
         "history":[{"date":"2024-03-04","kind":"k","purpose":"diagnostic","joints":[{"level":"L4-L5","side":"left"}],
           "nerves":[{"nerve":"L3 MB","side":"left"}],"reliefPercent":80,"reliefDurationMonths":3}],
         "priorAuthorization":{"status":"affirmed"},"billed":[{"code":"C","modifiers":["50"],"units":2}]}
        """;

    private static EncounterReadResult Read(string json) => EncounterReader.Read(Encoding.UTF8.GetBytes(json));

    private static string JointsRecord(int count) =>
        """{"id":"E-1","dateOfService":"2024-09-18","procedures":[{"kind":"k","joints":["""
        + string.Join(',', Enumerable.Repeat("""{"level":"L4-L5","side":"left"}""", count))
        + "]}]}";

    [Theory]
    [InlineData("""{"id":"E-1","procedures":[{"kind": }]}""", "/procedures/0/kind")]
    [InlineData("""{"id":"E-1","dateOfService":"2024-09-18",}""", "")]
    [InlineData("""{"id":"E-1",""", "")]
    [InlineData("""{"id":""", "/id")]
    [InlineData("hello", "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("""{"id":"E-1"} {"id":"E-2"}""", "")]
    [InlineData("""{"id":"E-1"} // note""", "")]
    [InlineData("""{"id":'E-1'}""", "/id")]
    public void InvalidJsonIsReportedAloneAtWhereTheReaderStopped(string json, string path)
    {
        var result = Read(json);

        Assert.Null(result.Encounter);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("CR5001", path), (error.Id, error.Path));
    }

    [Fact]
    public void InvalidJsonKeepsTheIdSeenBeforeIt()
    {
        var result = Read("""{"id":"E-9","dateOfService":"bad","procedures":[{]}""");

        Assert.Equal("E-9", result.EncounterId);
        Assert.Equal(["CR5001"], result.Errors.Select(e => e.Id));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void ARecordThatIsNotAnObjectIsAWrongTypeAtTheRoot(string json)
    {
        var result = Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("CR5003", ""), (error.Id, error.Path));
        Assert.Null(result.EncounterId);
    }

    [Fact]
    public void OneThousandJointsAreAccepted()
    {
        var result = Read(JointsRecord(EncounterContract.MaxJoints));

        Assert.Empty(result.Errors);
        Assert.Equal(EncounterContract.MaxJoints, result.Encounter!.Procedures[0].Joints.Length);
    }

    [Fact]
    public void OneThousandAndOneJointsExceedTheLimitOnce()
    {
        var result = Read(JointsRecord(EncounterContract.MaxJoints + 1));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("CR5007", "/procedures/0/joints"), (error.Id, error.Path));
    }

    [Fact]
    public void OneThousandAndOneNervesExceedTheLimitOnce()
    {
        var json = """{"id":"E-1","dateOfService":"2024-09-18","procedures":[{"kind":"k","nerves":["""
            + string.Join(',', Enumerable.Repeat("""{"nerve":"L3 MB","side":"left"}""", EncounterContract.MaxNerves))
            + ""","x",{"bad":1}]}]}""";

        var result = Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("CR5007", "/procedures/0/nerves"), (error.Id, error.Path));
    }

    [Fact]
    public void ItemsPastALimitAreSkippedUnread()
    {
        var json = JointsRecord(EncounterContract.MaxJoints).Replace("]}]}", """,{"bad":1},"x"]}]}""", StringComparison.Ordinal);

        var result = Read(json);

        Assert.Equal([("CR5007", "/procedures/0/joints")], result.Errors.Select(e => (e.Id, e.Path)));
    }

    [Fact]
    public void ARecordLargerThanOneMebibyteIsRejectedWhole()
    {
        var json = """{"id":"E-1","dateOfService":"2024-09-18","procedures":[],"payer":" """
            + new string('x', EncounterContract.MaxRecordBytes) + "\"}";

        var result = Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("CR5007", ""), (error.Id, error.Path));
    }

    [Fact]
    public void NestingDeeperThanTheLimitInHistoryIsInvalidJson()
    {
        var deep = new string('[', 100) + new string(']', 100);
        var result = Read("""{"id":"E-1","dateOfService":"2024-09-18","procedures":[],"history":[{"date":"2024-03-04","kind":"k","joints":""" + deep + "}]}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("CR5001", error.Id);
        Assert.Equal("E-1", result.EncounterId);
    }

    [Fact]
    public void NeverThrowsOnAnyPrefixOfAValidRecord()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(ValidRecord);
        Assert.True(EncounterReader.Read(bytes).IsValid);

        for (int length = 0; length < bytes.Length; length++)
        {
            var result = EncounterReader.Read(bytes.AsSpan(0, length));

            Assert.False(result.IsValid, $"prefix of {length} bytes");
            Assert.NotEmpty(result.Errors);
        }
    }

    [Fact]
    public void NeverThrowsOnRecordsWithOneByteChanged()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(ValidRecord);
        byte[] replacements = [(byte)'"', (byte)'{', (byte)']', (byte)':', (byte)',', (byte)'\\', 0x00, 0xC3, 0xFF];
        for (int i = 0; i < bytes.Length; i++)
        {
            foreach (byte replacement in replacements)
            {
                byte[] copy = [.. bytes];
                copy[i] = replacement;

                var result = EncounterReader.Read(copy);

                Assert.Equal(result.Encounter is null, !result.Errors.IsEmpty);
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })] // {"id":"<invalid UTF-8>"}
    [InlineData(new byte[] { 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D })] // {"<invalid UTF-8>":1}
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x00 })]
    public void UndecodableBytesAreInvalidJson(byte[] bytes)
    {
        var result = EncounterReader.Read(bytes);

        Assert.Equal("CR5001", Assert.Single(result.Errors).Id);
    }

    [Fact]
    public void ALoneSurrogateEscapeIsInvalidJson()
    {
        var result = Read("""{"id":"\uD800","dateOfService":"2024-09-18","procedures":[]}""");

        Assert.Equal(("CR5001", "/id"), (Assert.Single(result.Errors).Id, result.Errors[0].Path));
    }

    [Fact]
    public void AByteOrderMarkBeforeTheRecordIsIgnored()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ValidRecord)];

        Assert.True(EncounterReader.Read(bytes).IsValid);
    }

    [Fact]
    public void AValueEchoedInAMessageIsCutShort()
    {
        var result = Read("""{"id":"E-1","dateOfService":" """ + new string('9', 10_000) + "\",\"procedures\":[]}");

        Assert.Equal("CR5006", Assert.Single(result.Errors).Id);
        Assert.True(result.Errors[0].Message.Length < 200);
    }

    [Property(MaxTest = 500)]
    public bool NeverThrowsOnAnyBytes(byte[] bytes)
    {
        var result = EncounterReader.Read(bytes ?? []);
        return result.IsValid == result.Errors.IsEmpty;
    }

    [Property(MaxTest = 500)]
    public bool NeverThrowsOnAnyText(string text)
    {
        var result = Read(text ?? string.Empty);
        return result.IsValid == result.Errors.IsEmpty;
    }
}
