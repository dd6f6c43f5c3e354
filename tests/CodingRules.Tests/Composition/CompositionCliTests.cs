using System.Globalization;
using System.Text;
using System.Text.Json;
using CodingRules.Tests.Cli;
using CodingRules.Tests.Diff;
using CodingRules.Tests.DiffEngine;

namespace CodingRules.Tests.Composition;

/// <summary>
/// Composition as a user meets it, through the tool: <c>flatten</c>, <c>versions</c> (what each version extends),
/// findings and <c>--explain</c> naming the file a check is written in, and a change to a shared template showing in
/// <c>diff</c> and impact replay for every contractor at once, located in the template.
/// </summary>
public sealed class CompositionCliTests
{
    private const string Template2021 = "rules/medicare-facet-lcd/2021.yaml";

    [Fact]
    public void FlattenWritesOneFileThatLoadsAloneToTheSameRules()
    {
        using var folder = new TempFolder();
        var run = CliProcess.Run(null, "flatten", "medicare-facet-lcd-cgs@2025-01-01", "--rules", "rules");
        Assert.True(run.ExitCode == 0, run.ToString());
        folder.Write("flat/medicare-facet-lcd-cgs/2025-01.yaml", run.Out);
        foreach (var other in ShippedRules.Composed.Where(c => !c.File.Id.StartsWith("medicare-", StringComparison.Ordinal)))
        {
            folder.Write($"flat/{other.File.Id}/{other.File.Version}.yaml", ShippedRules.Flat(other.File.Id, other.File.Version));
        }

        var sample = Path.Combine(RepositoryRoot.Path, "examples", "encounters-sample.ndjson");
        var cgs = folder.Write("cgs.ndjson", string.Join('\n', File.ReadLines(sample).Where(l => l.Contains("\"medicare-cgs\"", StringComparison.Ordinal) && l.Contains("\"2025-", StringComparison.Ordinal))) + "\n");
        var composed = CliProcess.Run(null, "evaluate", cgs, "--rules", "rules");
        var alone = CliProcess.Run(null, "evaluate", cgs, "--rules", Path.Combine(folder.Path, "flat"));

        Assert.DoesNotContain("extends:", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("imports:", run.Out, StringComparison.Ordinal);
        Assert.True(composed.OutLines.Length > 3, composed.ToString());
        Assert.Equal(Findings(composed), Findings(alone));
    }

    [Theory]
    [InlineData("no-at-sign", 2)]
    [InlineData("medicare-facet-lcd-cgs@1999-01-01", 1)]
    [InlineData("no-such-rule-set@1", 1)]
    public void FlattenOfSomethingNotLoadedSaysWhatIs(string name, int exit)
    {
        var run = CliProcess.Run(null, "flatten", name, "--rules", "rules");

        Assert.True(run.ExitCode == exit, run.ToString());
        Assert.StartsWith("codingrules: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void VersionsShowWhatEachVersionExtends()
    {
        var run = CliProcess.Run(null, "versions", "medicare-facet-lcd-cgs", "--rules", "rules");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("EXTENDS", run.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(run.OutLines, l => l.StartsWith("medicare-facet-lcd-cgs", StringComparison.Ordinal) && l.Contains(" 2021-05-02 ", StringComparison.Ordinal) && l.Contains(" medicare-facet-lcd@2021 ", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.Contains(" 2025-01-01 ", StringComparison.Ordinal) && l.Contains(" medicare-facet-lcd-cgs@2023-07-01 ", StringComparison.Ordinal));
    }

    [Fact]
    public void FindingsAndTheExplanationNameTheFileEachCheckIsWrittenIn()
    {
        var record = Encounter("medicare-noridian-jf", "2022-06-01");
        var json = CliProcess.Run(record, "evaluate", "-", "--rules", "rules");
        var explain = CliProcess.Run(record, "evaluate", "-", "--rules", "rules", "--explain");

        using var result = JsonDocument.Parse(json.OutLines[0]);
        var levels = result.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "C-LEVELS");
        var line = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, Template2021)).ToList().FindIndex(l => l.Contains("- id: levels-per-session", StringComparison.Ordinal)) + 1;
        Assert.Equal("medicare-facet-lcd-noridian-jf", levels.GetProperty("ruleSet").GetString());
        Assert.Equal($"{Template2021}:{line.ToString(CultureInfo.InvariantCulture)}", levels.GetProperty("definedIn").GetString());
        Assert.Contains(explain.OutLines, l => l.Contains("built on", StringComparison.Ordinal) && l.Contains("medicare-facet-lcd@2021", StringComparison.Ordinal));
        Assert.Contains(explain.OutLines, l => l.Trim() == $"written at {Template2021}:{line.ToString(CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public void AChangedLevelLimitInThe2021TemplateShowsForEveryContractorLocatedInTheTemplate()
    {
        using var folder = new TempFolder();
        var rules = Path.Combine(folder.Path, "rules");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "rules"), "*", SearchOption.AllDirectories))
        {
            folder.Write(Path.Combine("rules", Path.GetRelativePath(Path.Combine(RepositoryRoot.Path, "rules"), file)), File.ReadAllText(file));
        }

        var template = Path.Combine(rules, "medicare-facet-lcd", "2021.yaml");
        var text = File.ReadAllText(template);
        File.WriteAllText(template, DiffFiles.Replace(text, "(a level treated on both sides is one)\n    default: 2\n", "(a level treated on both sides is one)\n    default: 3\n"));
        var encounters = folder.Write("three-levels.ndjson", string.Concat(DiffCliTests.Contractors.Select(c => Encounter("medicare-" + c, "2022-06-01").TrimEnd('\n') + "\n")));

        var run = CliProcess.Run(null, "diff", "rules", rules, "--encounters", encounters);

        Assert.True(run.ExitCode == 1, run.ToString());
        var check = DiffFiles.LineOf(text, "- id: levels-per-session").ToString(CultureInfo.InvariantCulture);
        // Written once in the template, the change is listed once, under every version built on it (2021 and 2023).
        var heading = Array.FindIndex(run.OutLines, l => l.StartsWith("17 versions: ", StringComparison.Ordinal));
        Assert.True(heading >= 0, run.ToString());
        var change = Array.FindIndex(run.OutLines, heading, l => l.Contains("condition count(session.levels) > 2 -> count(session.levels) > 3", StringComparison.Ordinal));
        Assert.True(change > heading && !run.OutLines[(heading + 1)..change].Any(l => !l.StartsWith(' ')), run.ToString());
        Assert.Equal("      words: … count(session.levels) > [-2-]{+3+}", run.OutLines[change + 1]);
        Assert.Contains($"was: {Template2021}:{check}", run.OutLines[change + 2], StringComparison.Ordinal);
        Assert.EndsWith($"medicare-facet-lcd/2021.yaml:{check}", run.OutLines[change + 2], StringComparison.Ordinal);
        foreach (var contractor in DiffCliTests.Contractors)
        {
            Assert.Contains($"medicare-facet-lcd-{contractor} 2021-", run.OutLines[heading], StringComparison.Ordinal);
            Assert.Contains(run.OutLines, l => l.Contains("medicare-" + contractor + " (record", StringComparison.Ordinal));
        }

        Assert.Contains(run.OutLines, l => l.Contains("C-LEVELS differs in 8 encounters (present before in 8, after in 0)", StringComparison.Ordinal));
    }

    /// <summary>One encounter of a payer: an RFA of three right lumbar levels (over a 2021 template's limit of 2).</summary>
    internal static string Encounter(string payer, string date) =>
        $$"""{"id":"T-{{payer}}","dateOfService":"{{date}}","payer":"{{payer}}","diagnoses":["M47.816"],"procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","temperatureCelsius":85,"imaging":"fluoroscopy","joints":[{"level":"L3-L4","side":"right"},{"level":"L4-L5","side":"right"},{"level":"L5-S1","side":"right"}]}]}""" + "\n";

    private static string Findings(CliRun run) =>
        string.Join('\n', run.OutLines.Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var text = new StringBuilder(doc.RootElement.TryGetProperty("encounterId", out var id) ? id.ToString() : "?");
            foreach (var line in doc.RootElement.GetProperty("lines").EnumerateArray())
            {
                text.Append(" | ").Append(line.GetProperty("code").GetString()).Append(' ').Append(line.GetProperty("units").GetInt32());
            }

            foreach (var f in doc.RootElement.GetProperty("findings").EnumerateArray())
            {
                text.Append(" | ").Append(f.GetProperty("id").GetString()).Append(' ').Append(f.GetProperty("message").GetString());
            }

            return text.ToString();
        }));
}
