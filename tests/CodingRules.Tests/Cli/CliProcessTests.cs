using System.Text.Json;
using CodingRules.Tests.Golden;

namespace CodingRules.Tests.Cli;

/// <summary>
/// The real tool, run as a process: output, exit codes (0 ok, 1 problems, 2 usage) and no stack traces for misuse.
/// </summary>
public sealed class CliProcessTests : IDisposable
{
    private const string Seed = "examples/seed-three-levels-bilateral.json";

    private readonly string _temp = Directory.CreateTempSubdirectory("codingrules-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task ReadingStandardInputEachResultIsWrittenBeforeTheNextRecordIsSent()
    {
        var record = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Seed)).ReplaceLineEndings(" ").Trim();
        var start = CliProcess.StartInfo(RepositoryRoot.Path, "evaluate", "-", "--input", "ndjson");
        using var process = System.Diagnostics.Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            foreach (var id in new[] { "FIRST", "SECOND" })
            {
                await process.StandardInput.WriteLineAsync(record.Replace("E-SEED", id, StringComparison.Ordinal));
                await process.StandardInput.FlushAsync();
                // The answer comes while the input is still open: the output is not held back for a full buffer.
                var line = await process.StandardOutput.ReadLineAsync(wait.Token);
                Assert.StartsWith($"{{\"encounterId\":\"{id}\"", line, StringComparison.Ordinal);
            }

            process.StandardInput.Close();
            Assert.Null(await process.StandardOutput.ReadLineAsync(wait.Token));
            await process.WaitForExitAsync(wait.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void AFileOfManyRecordsGivesTheSameBytesAsTheSameRecordsOnStandardInput()
    {
        var record = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Seed)).ReplaceLineEndings(" ").Trim();
        var records = string.Concat(Enumerable.Range(0, 3000).Select(i => record.Replace("E-SEED", $"E-{i}", StringComparison.Ordinal) + "\n"));
        var file = Path.Combine(_temp, "many.ndjson");
        File.WriteAllText(file, records);

        var fromFile = CliProcess.Run(null, "evaluate", file);
        var fromInput = CliProcess.Run(records, "evaluate", "-");

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Equal(3000, fromFile.OutLines.Length); // more than one 64 KiB chunk
        Assert.True(fromFile.Out.Length > 3 * 65536);
        Assert.Equal(fromInput.Out, fromFile.Out);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public void TheOutputIsTheSameBytesWhateverTheNumberOfThreads(string format)
    {
        // The shipped sample (several payers, histories and procedure kinds), three times over with a bad record
        // after every hundred: several batches of 256 records, and error results among them.
        var sample = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "examples", "encounters-sample.ndjson")).Where(l => l.Length > 0).ToList();
        var records = Enumerable.Range(0, 3 * sample.Count).Select(i => i % 100 == 99 ? "{ \"id\": \"broken\", " : sample[i % sample.Count]);
        var file = Path.Combine(_temp, "sample3.ndjson");
        File.WriteAllLines(file, records);

        var one = CliProcess.Run(null, "evaluate", file, "--format", format, "--threads", "1");
        Assert.True(one.ExitCode == 1, one.ToString());
        Assert.Equal(3 * sample.Count, one.Out.Split('\n').Count(l => format == "json" ? l.Length > 0 : l.StartsWith("encounter ", StringComparison.Ordinal)));
        foreach (var threads in new[] { "2", "3", "8" })
        {
            var many = CliProcess.Run(null, "evaluate", file, "--format", format, "--threads", threads);
            Assert.True(many.ExitCode == 1, many.ToString());
            Assert.True(one.Out == many.Out, $"--threads {threads} differs from --threads 1");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("257")]
    [InlineData("many")]
    public void ANumberOfThreadsOutOfRangeIsAUsageError(string threads)
    {
        var run = CliProcess.Run(null, "evaluate", Seed, "--threads", threads);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Out);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluatePrintsOneJsonLineWithTheBilateralLadder()
    {
        var run = CliProcess.Run(null, "evaluate", Seed);
        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.OutLines);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("E-SEED", json.RootElement.GetProperty("encounterId").GetString());
        var lines = json.RootElement.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("code").GetString(), string.Join(",", l.GetProperty("modifiers").EnumerateArray().Select(m => m.GetString())), l.GetProperty("units").GetInt32()))
            .ToList();
        Assert.Equal([("64635", "50", 1), ("64636", "50", 2)], lines);
        Assert.Empty(json.RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void EvaluateAnswersEveryNdjsonRecordInOrderAndFlagsTheBadOne()
    {
        var seed = JsonSerializer.Serialize(JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenPaths.Examples, "seed-three-levels-bilateral.json"))).RootElement);
        var input = Path.Combine(_temp, "three.ndjson");
        File.WriteAllText(input, seed.Replace("E-SEED", "E-1", StringComparison.Ordinal) + "\n{ this is not json\n" + seed.Replace("E-SEED", "E-3", StringComparison.Ordinal) + "\n");
        var run = CliProcess.Run(null, "evaluate", input);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(3, run.OutLines.Length);
        var results = run.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("E-1", results[0].GetProperty("encounterId").GetString());
        Assert.False(results[0].TryGetProperty("errors", out _));
        Assert.Equal("CR5001", results[1].GetProperty("errors")[0].GetProperty("id").GetString());
        Assert.Equal("E-3", results[2].GetProperty("encounterId").GetString());
        Assert.Equal(2, results[2].GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public void EvaluateReadsStandardInputForADash()
    {
        var run = CliProcess.Run(File.ReadAllText(Path.Combine(GoldenPaths.Examples, "seed-three-levels-bilateral.json")), "evaluate", "-");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(Assert.Single(run.OutLines));
        Assert.Equal(2, json.RootElement.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public void ExplainShowsTheChecksAndTheLines()
    {
        var run = CliProcess.Run(null, "evaluate", Seed, "--explain");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("check imaging-required", run.Out, StringComparison.Ordinal);
        Assert.Contains("line 64635-50 x1", run.Out, StringComparison.Ordinal);
        Assert.Contains("line 64636-50 x2", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAcceptsTheShippedRules()
    {
        var run = CliProcess.Run(null, "validate");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(": 0 errors, 0 warnings", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateReportsABadFileAtItsLineAndColumn()
    {
        var bad = WriteBadRuleFile();
        var run = CliProcess.Run(null, "validate", bad);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{bad}:3:7: error CR1006", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{bad}:5:1: error CR1008", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void ValidateWritesMachineReadableFormats(string format)
    {
        var bad = WriteBadRuleFile();
        var run = CliProcess.Run(null, "validate", bad, "--format", format);
        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        if (format == "sarif")
        {
            Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
            var region = json.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            Assert.Equal((3, 7), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()));
        }
        else
        {
            Assert.Equal(2, json.RootElement.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public void ValidateWritesSarifForTheShippedRules()
    {
        var run = CliProcess.Run(null, "validate", "--format", "sarif");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(0, json.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("evaluate", "--no-such-option", Seed)]
    [InlineData("evaluate", Seed, "--format", "xml")]
    [InlineData("evaluate", "no-such-file.json")]
    [InlineData("test", "--no-such-option")]
    [InlineData("")]
    public void MisuseExitsWithTwoAndNoStackTrace(params string[] args)
    {
        var run = CliProcess.Run(null, args.Where(a => a.Length > 0).ToArray());
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownOptionOfValidateIsAUsageError()
    {
        var run = CliProcess.Run(null, "validate", "--no-such-option");
        Assert.True(run.ExitCode == 2, run.ToString());
    }

    [Fact]
    public void TestRunsTheShippedRuleTests()
    {
        var run = CliProcess.Run(null, "test");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("0 failed", run.Out, StringComparison.Ordinal);
    }

    private string WriteBadRuleFile()
    {
        var path = Path.Combine(_temp, "bad.yaml");
        File.WriteAllText(path, """
            ruleSet: bad
            version: "2024-01"
            kind: fatal
            title: One
            title: Two
            summary: Two mistakes.
            effective:
              from: 2024-01-01

            """);
        return path;
    }
}
