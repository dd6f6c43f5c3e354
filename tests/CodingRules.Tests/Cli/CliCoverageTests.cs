using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CodingRules.Tests.Coverage;

namespace CodingRules.Tests.Cli;

/// <summary>
/// <c>codingrules test</c> with <c>--coverage</c>, <c>--threshold</c>, <c>--run</c> and <c>--watch</c>, run as the
/// real tool on a small rules tree in a temporary folder (<see cref="CoverageTree"/>, 5 of 13 items covered).
/// </summary>
public sealed class CliCoverageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string DemoAt(int line) => $"./demo/2020-01.yaml:{line}: ";

    [Fact]
    public void CoverageListsTheCheckNoCaseFiresAtItsLineUntilACaseFiresIt()
    {
        using var tree = new CoverageTree();
        var line = CoverageTree.LineOf(CoverageTree.Demo, "id: many-joints");
        var before = CliProcess.RunIn(tree.Folder, null, "test", ".", "--coverage");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("Rule tests: 2 passed, 0 failed", before.Out, StringComparison.Ordinal);
        Assert.Contains("Coverage: 38.4% (5 of 13 items)", before.Out, StringComparison.Ordinal);
        Assert.Contains(DemoAt(line) + "check many-joints (W-MANY) never fired (evaluated 1 time) [demo@2020-01]", before.OutLines.Select(l => l.Trim()));
        Assert.Contains(before.OutLines, l => l.StartsWith("demo@2020-01 ", StringComparison.Ordinal) && l.Contains("0/2", StringComparison.Ordinal));

        tree.AddThreeJointsCase();
        var after = CliProcess.RunIn(tree.Folder, null, "test", ".", "--coverage");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.DoesNotContain(DemoAt(line), after.Out, StringComparison.Ordinal);
        Assert.Contains("Coverage: 84.6% (11 of 13 items)", after.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("39", 1)]
    [InlineData("38.4", 0)]
    [InlineData("0", 0)]
    public void AThresholdAboveTheFigureFailsTheRun(string threshold, int exit)
    {
        using var tree = new CoverageTree();
        var run = CliProcess.RunIn(tree.Folder, null, "test", ".", "--threshold", threshold);
        Assert.True(run.ExitCode == exit, run.ToString());
        Assert.Contains("Coverage: 38.4%", run.Out, StringComparison.Ordinal); // --threshold implies --coverage
        Assert.Equal(exit == 1, run.Error.Contains($"coverage 38.4% is below the threshold of {threshold}%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("THREE right", 1)]
    [InlineData("/^(one|no) /", 2)]
    [InlineData("stops", 1)]
    public void RunSelectsTheCasesByName(string name, int passed)
    {
        using var tree = new CoverageTree();
        tree.AddThreeJointsCase();
        var run = CliProcess.RunIn(tree.Folder, null, "test", ".", "--run", name, "--verbose");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Rule tests: {passed} passed, 0 failed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameNoCaseHasIsSaidAndFails()
    {
        using var tree = new CoverageTree();
        var run = CliProcess.RunIn(tree.Folder, null, "test", ".", "--run", "no such case");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("matches --run no such case", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliProcess.RunIn(tree.Folder, null, "test", ".", "--run", "/(/").ExitCode);
    }

    [Fact]
    public void JsonCoverageIsOneDocumentOnStandardOutput()
    {
        using var tree = new CoverageTree();
        var run = CliProcess.RunIn(tree.Folder, null, "test", ".", "--coverage-format", "json", "--threshold", "50");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Rule tests: 2 passed", run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        var coverage = json.RootElement.GetProperty("coverage");
        Assert.Equal(13, coverage.GetProperty("total").GetInt32());
        Assert.True(coverage.GetProperty("belowThreshold").GetBoolean());
        var check = coverage.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "many-joints");
        Assert.Equal("W-MANY", check.GetProperty("finding").GetString());
        Assert.Equal(1, check.GetProperty("evaluated").GetInt32());
        Assert.False(check.GetProperty("covered").GetBoolean());
        Assert.Equal(CoverageTree.LineOf(CoverageTree.Demo, "id: many-joints"), check.GetProperty("line").GetInt32());
    }

    [Fact]
    public void TheShippedRulesReportTheirFigureAndMeetTheCiThreshold()
    {
        var run = CliProcess.Run(null, "test", "rules", "--threshold", "97"); // as .ci/run
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^Coverage: \d+\.\d% \(\d+ of \d+ items\)$", run.Out);
    }

    [Fact]
    public void WatchRunsAgainOnASaveKeepsWatchingThroughABrokenFileAndEndsWithItsInput()
    {
        using var tree = new CoverageTree();
        var start = CliProcess.StartInfo(tree.Folder, "test", ".", "--watch");

        start.Environment.Remove("CODINGRULES_RULES");
        using var lines = new BlockingCollection<string>();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Add(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The summary is on standard output and "watching" on standard error: two pipes, read in either order.
            Assert.True(WaitFor(lines, "Rule tests: 2 passed, 0 failed", "for changes"), "no first summary, or not watching");

            tree.AddThreeJointsCase();
            Assert.True(WaitFor(lines, "Rule tests: 3 passed, 0 failed"), "no summary after a save");

            tree.Write("demo/2020-01.yaml", CoverageTree.Demo.Replace("ruleSet: demo", "ruleSet: [demo", StringComparison.Ordinal));
            Assert.True(WaitFor(lines, "error CR1001"), "no diagnostic for a broken file");

            tree.Write("demo/2020-01.yaml", CoverageTree.Demo);
            Assert.True(WaitFor(lines, "Rule tests: 3 passed, 0 failed"), "no summary after the file was mended");

            process.StandardInput.Close();
            Assert.True(process.WaitForExit(Wait), "the watch did not end with its input");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Add(BlockingCollection<string> lines, string? line)
    {
        if (line is not null && !lines.IsAddingCompleted)
        {
            lines.Add(line);
        }
    }

    /// <summary>
    /// Reads lines until each of <paramref name="texts"/> has been in one of them, in any order; false when they have
    /// not all come within <see cref="Wait"/>.
    /// </summary>
    private static bool WaitFor(BlockingCollection<string> lines, params string[] texts)
    {
        var missing = texts.ToList();
        var until = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < until && missing.Count > 0)
        {
            if (lines.TryTake(out var line, TimeSpan.FromMilliseconds(500)))
            {
                missing.RemoveAll(t => line.Contains(t, StringComparison.Ordinal));
            }
        }

        return missing.Count == 0;
    }
}
