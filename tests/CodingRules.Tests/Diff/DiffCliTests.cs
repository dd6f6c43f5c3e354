using System.Text.Json;
using CodingRules.Tests.Cli;
using CodingRules.Tests.DiffEngine;
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

    internal static string LegacyTemplate => Path.Combine("rules", "medicare-facet-lcd", "legacy.yaml");

    /// <summary>The eight Medicare contractors, each of which has a version built on each template.</summary>
    internal static readonly string[] Contractors = ["cgs", "first-coast", "ngs", "noridian-je", "noridian-jf", "novitas", "palmetto", "wps"];

    /// <summary>Noridian JF's legacy version written out flat: one file that builds on nothing.</summary>
    internal static string LegacyFlat => ShippedRules.Flat(Jf, "2015-01-01");

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
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, LegacyTemplate));
        var broken = folder.Write("broken.yaml", DiffFiles.Replace(text, "count(session.joints) > params.jointLimit", "count(session.joints) >"));

        var run = CliProcess.Run(null, "diff", LegacyTemplate, broken, "--rules", "rules");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("CR2", run.Error, StringComparison.Ordinal);
        Assert.Contains("broken.yaml:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedFileShowsOnlyTheEditAndAReformattedFileShowsNothing()
    {
        using var folder = new TempFolder();
        var original = folder.Write("jf.yaml", LegacyFlat);
        var edited = folder.Write("edited.yaml", DiffFiles.Replace(LegacyFlat, "count(session.joints) > params.jointLimit", "count(session.joints) > 3"));
        var reformatted = folder.Write("reformatted.yaml", "# a comment that is no change\n" + DiffFiles.Replace(LegacyFlat, "finding: C-LEVELS\n    severity: error\n    category: coverage", "finding: C-LEVELS\n    category: coverage\n    severity: error"));

        var edit = CliProcess.Run(null, "diff", original, edited);
        var format = CliProcess.Run(null, "diff", original, reformatted);

        Assert.True(edit.ExitCode == 1, edit.ToString());
        var line = Assert.Single(edit.OutLines, l => l.TrimStart().StartsWith('~'));
        Assert.Contains("condition \"facet-joint-destruction\" in session.kinds and count(session.joints) > 4 -> \"facet-joint-destruction\" in session.kinds and count(session.joints) > 3", line, StringComparison.Ordinal);
        Assert.True(format.ExitCode == 0, format.ToString());
    }

    [Fact]
    public void AnEditedTemplateShowsTheChangeInEveryVersionBuiltOnItLocatedInTheTemplate()
    {
        using var folder = new TempFolder();
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, LegacyTemplate));
        var edited = folder.Write("legacy.yaml", DiffFiles.Replace(text, "per session per region, default: 4 }", "per session per region, default: 3 }"));

        var run = CliProcess.Run(null, "diff", LegacyTemplate, edited, "--rules", "rules");

        Assert.True(run.ExitCode == 1, run.ToString());
        // The change is written once in the template, so it is listed once, under every version built on it.
        var heading = Array.FindIndex(run.OutLines, l => l.StartsWith($"{Contractors.Length} versions: ", StringComparison.Ordinal));
        Assert.True(heading >= 0, run.ToString());
        foreach (var contractor in Contractors)
        {
            // Novitas's legacy version starts on its LCD's original date (LCD-3), the others on the 2015-01-01 convention.
            Assert.Contains($"medicare-facet-lcd-{contractor} {(contractor == "novitas" ? "2015-10-01" : "2015-01-01")}", run.OutLines[heading], StringComparison.Ordinal);
        }

        var condition = Array.FindIndex(run.OutLines, heading, l => l.Contains("condition \"facet-joint-destruction\" in session.kinds and count(session.joints) > 4 -> \"facet-joint-destruction\" in session.kinds and count(session.joints) > 3", StringComparison.Ordinal));
        Assert.True(condition > heading, run.ToString());
        Assert.Single(run.OutLines, l => l.Contains("~ check C-LEVELS", StringComparison.Ordinal));
        Assert.Equal("      words: … count(session.joints) > [-4-]{+3+}", run.OutLines[condition + 1]);
        var at = DiffFiles.LineOf(text, "- id: joints-per-session").ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"was: rules/medicare-facet-lcd/legacy.yaml:{at}", run.OutLines[condition + 2], StringComparison.Ordinal);
        Assert.EndsWith($"legacy.yaml:{at}", run.OutLines[condition + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void TwoVersionsCompareTheirTestCasesOnlyWhenAsked()
    {
        var plain = CliProcess.Run(null, "diff", "cpt-facet-joint-destruction@2000-01", "cpt-facet-joint-destruction@2012-01");
        var withTests = CliProcess.Run(null, "diff", "cpt-facet-joint-destruction@2000-01", "cpt-facet-joint-destruction@2012-01", "--tests");

        Assert.DoesNotContain(plain.OutLines, l => l.Contains(" test '", StringComparison.Ordinal));
        // A case of the 2012 suite that the 2000 suite does not have, located in its file.
        var added = Array.FindIndex(withTests.OutLines, l => l == "  + test 'A left and a right entry of one level are one bilateral level' is added");
        Assert.True(added >= 0, withTests.ToString());
        Assert.StartsWith("      now: rules/cpt-facet-joint-destruction/2012-01.tests.yaml:", withTests.OutLines[added + 1], StringComparison.Ordinal);
        Assert.Contains(withTests.OutLines, l => l.StartsWith("  - test '", StringComparison.Ordinal));
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
