using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Diff;

/// <summary>
/// Golden outputs of the three formats for the legacy and the 2021 Noridian JF policy: each lists the level limit
/// change (more than 4 joints, now more than 2 levels) in one line.
/// </summary>
public sealed class DiffGoldenTests
{
    [Theory]
    [InlineData("text", "txt")]
    [InlineData("markdown", "md")]
    [InlineData("json", "json")]
    public void TheLegacyTo2021NoridianJfDiffMatchesItsGoldenFile(string format, string extension)
    {
        var run = CliProcess.Run(null, "diff", $"{DiffCliTests.Jf}@2015-01", $"{DiffCliTests.Jf}@2021-04", "--rules", "rules", "--format", format);

        Assert.True(run.ExitCode == 1, run.ToString());
        DiffGolden.Check(Path.Combine(DiffGolden.Folder, $"noridian-jf-2015-01-to-2021-04.{extension}"), run.Out);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    public void TheLevelLimitChangeIsOneLineInEveryFormat(string format)
    {
        var run = CliProcess.Run(null, "diff", $"{DiffCliTests.Jf}@2015-01", $"{DiffCliTests.Jf}@2021-04", "--rules", "rules", "--format", format);

        var line = Assert.Single(run.OutLines, l => l.Contains("count(session.joints) > 4", StringComparison.Ordinal) && l.Contains("count(session.levels) > 2", StringComparison.Ordinal));
        Assert.Contains("C-LEVELS", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReplayOfTheSampleMatchesItsGoldenFile()
    {
        var run = CliProcess.Run(null, "diff", $"{DiffCliTests.Jf}@2015-01", $"{DiffCliTests.Jf}@2021-04", "--rules", "rules", "--format", "markdown", "--encounters", "examples/encounters-sample.ndjson");

        Assert.True(run.ExitCode == 1, run.ToString());
        DiffGolden.Check(Path.Combine(DiffGolden.Folder, "noridian-jf-2015-01-to-2021-04.replay.md"), run.Out);
    }
}
