using System.Text.Json;
using CodingRules.Tests.Cli;
using NJsonSchema;

namespace CodingRules.Tests.Diff;

/// <summary>
/// The <c>diff</c> verb as a process: two files, two folders, <c>ID@V1 ID@V2</c>, <c>ID --dates D1 D2</c>; exit 0
/// no change, 1 changes, 2 errors; the JSON output valid against <c>schemas/diff.schema.json</c>.
/// </summary>
public sealed class DiffCliTests
{
    internal const string Jf = "medicare-facet-lcd-noridian-jf";

    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot.Path, "schemas", "diff.schema.json")));

    internal static string Legacy => Path.Combine("rules", Jf, "2015-01.yaml");

    [Fact]
    public void TheSameFolderTwiceHasNoChangeAndExitsZero()
    {
        var run = CliProcess.Run(null, "diff", "rules", "rules");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0 changes: 0 added, 0 removed, 0 changed"], run.OutLines);
    }

    [Fact]
    public void TwoVersionsByIdExitOneAndNameBothFiles()
    {
        var run = CliProcess.Run(null, "diff", $"{Jf}@2015-01", $"{Jf}@2021-04", "--rules", "rules");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"{Jf} 2015-01-01 -> 2021-04-25", run.OutLines[0]);
        Assert.Contains(run.OutLines, l => l.Contains($"was: rules/{Jf}/2015-01.yaml:", StringComparison.Ordinal) && l.Contains($"now: rules/{Jf}/2021-04.yaml:", StringComparison.Ordinal));
        Assert.Matches(@"^\d+ changes: \d+ added, \d+ removed, \d+ changed$", run.OutLines[^1]);
    }

    [Fact]
    public void TheVersionsInForceOnTwoDatesAreThoseVersions()
    {
        var byDate = CliProcess.Run(null, "diff", Jf, "--dates", "2020-06-01", "2022-06-01", "--rules", "rules");
        var byVersion = CliProcess.Run(null, "diff", $"{Jf}@2015-01-01", $"{Jf}@2021-04-25", "--rules", "rules");

        Assert.True(byDate.ExitCode == 1, byDate.ToString());
        Assert.Equal(byVersion.Out, byDate.Out);
    }

    [Fact]
    public void TwoDatesUnderOneVersionHaveNoChange()
    {
        var run = CliProcess.Run(null, "diff", Jf, "--dates", "2016-01-01", "2020-01-01", "--rules", "rules");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Theory]
    [InlineData("diff", "rules", "no-such-folder")]
    [InlineData("diff", "no-such-rule-set@1", "no-such-rule-set@2", "--rules", "rules")]
    [InlineData("diff", Jf + "@2015-01", Jf + "@1999-01", "--rules", "rules")]
    [InlineData("diff", Jf, "--dates", "2010-01-01", "2022-01-01", "--rules", "rules")]
    [InlineData("diff", Jf, "--dates", "2020-13-01", "2022-01-01", "--rules", "rules")]
    [InlineData("diff", "rules")]
    [InlineData("diff", "rules", "rules", "--encounters", "no-such-file.ndjson")]
    public void BadPathsUnknownVersionsAndDatesWithNothingInForceExitTwo(params string[] args)
    {
        var run = CliProcess.Run(null, args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("codingrules: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesWithErrorsExitTwoWithTheirDiagnostics()
    {
        using var folder = new TempFolder();
        var broken = folder.Write("broken.yaml", File.ReadAllText(Path.Combine(RepositoryRoot.Path, Legacy)).Replace("count(session.joints) > 4", "count(session.joints) >", StringComparison.Ordinal));

        var run = CliProcess.Run(null, "diff", Legacy, broken);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("CR2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedFileShowsOnlyTheEditAndAReformattedFileShowsNothing()
    {
        using var folder = new TempFolder();
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Legacy));
        var edited = folder.Write("edited.yaml", text.Replace("count(session.joints) > 4", "count(session.joints) > 3", StringComparison.Ordinal));
        var reformatted = folder.Write("reformatted.yaml", "# a comment that is no change\n" + text.Replace("severity: error\n    category: coverage", "category: coverage\n    severity: error", StringComparison.Ordinal));

        var edit = CliProcess.Run(null, "diff", Legacy, edited);
        var format = CliProcess.Run(null, "diff", Legacy, reformatted);

        Assert.True(edit.ExitCode == 1, edit.ToString());
        var line = Assert.Single(edit.OutLines, l => l.TrimStart().StartsWith('~'));
        Assert.Contains("condition count(session.joints) > 4 -> count(session.joints) > 3", line, StringComparison.Ordinal);
        Assert.True(format.ExitCode == 0, format.ToString());
    }

    [Fact]
    public async Task TheJsonOutputIsValidAgainstTheDiffSchema()
    {
        var schema = await Schema.Value;
        var diff = CliProcess.Run(null, "diff", $"{Jf}@2015-01", $"{Jf}@2021-04", "--rules", "rules", "--format", "json");
        var replay = CliProcess.Run(null, "diff", $"{Jf}@2015-01", $"{Jf}@2021-04", "--rules", "rules", "--format", "json", "--encounters", EncounterSample.FilePath);
        var none = CliProcess.Run(null, "diff", "rules", "rules", "--format", "json");

        foreach (var run in new[] { diff, replay, none })
        {
            var errors = schema.Validate(run.Out);
            Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + run.Out[..Math.Min(2000, run.Out.Length)]);
        }

        using var json = JsonDocument.Parse(diff.Out);
        var changes = json.RootElement.GetProperty("changes");
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(changes.GetArrayLength(), summary.GetProperty("added").GetInt32() + summary.GetProperty("removed").GetInt32() + summary.GetProperty("changed").GetInt32());
        Assert.Equal(0, none.ExitCode);
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("codingrules-test-").FullName;

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
