using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Diff;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Model;
using CodingRules.Results;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Diff;

/// <summary>
/// Impact replay over the shipped sample: exactly the encounters whose lines or findings differ are listed, bad
/// records are reported and skipped, and an empty diff has an empty replay.
/// </summary>
public sealed class ImpactReplayTests
{
    private static readonly Lazy<RuleCatalog> Shipped = new(() => RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false).Catalog);

    [Fact]
    public void TheShippedSampleIsTheGeneratorsOutputWithAtLeastAThousandEncounters()
    {
        var generated = EncounterSample.Generate();
        if (DiffGolden.Updating)
        {
            File.WriteAllText(EncounterSample.FilePath, generated);
        }

        Assert.Equal(generated, File.ReadAllText(EncounterSample.FilePath));
        Assert.True(generated.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 1000);
    }

    [Fact]
    public void TheReplayBetweenLegacyAnd2021ListsExactlyTheEncountersWhoseOutcomeChanges()
    {
        var (before, after) = Sides("2015-01-01", "2021-04-25");
        using var input = File.OpenRead(EncounterSample.FilePath);

        var report = ImpactReplay.Run(before, after, input);

        var expected = new List<string>();
        foreach (var record in RecordReader.ReadRecords(new MemoryStream(File.ReadAllBytes(EncounterSample.FilePath))))
        {
            if (EncounterReader.Read(record.Utf8.Span).Encounter is { } encounter && Outcome(Evaluator.Evaluate(encounter, before)) != Outcome(Evaluator.Evaluate(encounter, after)))
            {
                expected.Add(encounter.Id);
            }
        }

        Assert.Equal(EncounterSample.Count, report.EncountersRead);
        Assert.Equal(expected, report.Changed.Select(e => e.EncounterId));
        Assert.InRange(report.Changed.Length, 20, EncounterSample.Count / 2);
        Assert.All(report.Changed, e => Assert.Equal("medicare-noridian-jf", e.Payer));
        Assert.Contains(report.ByFinding, c => c.Key == "C-LEVELS" && c.After > c.Before);
    }

    [Fact]
    public void ABadRecordIsReportedAndSkippedNeverFatal()
    {
        var (before, after) = Sides("2015-01-01", "2021-04-25");
        using var input = File.OpenRead(EncounterSample.FilePath);

        var report = ImpactReplay.Run(before, after, input);

        Assert.Equal([417, 833], report.Skipped.Select(s => s.Record));
        Assert.All(report.Skipped, s => Assert.NotEmpty(s.Errors));
        Assert.DoesNotContain(report.Changed, e => e.Record is 417 or 833);
    }

    [Fact]
    public void TheCliReplayListsTheSameEncountersAndSkipsTheBadOnes()
    {
        var (before, after) = Sides("2015-01-01", "2021-04-25");
        using var input = File.OpenRead(EncounterSample.FilePath);
        var report = ImpactReplay.Run(before, after, input);

        var run = CliProcess.Run(null, "diff", $"{DiffCliTests.Jf}@2015-01", $"{DiffCliTests.Jf}@2021-04", "--rules", "rules", "--format", "json", "--encounters", "examples/encounters-sample.ndjson");

        Assert.True(run.ExitCode == 1, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var impact = json.RootElement.GetProperty("impact");
        Assert.Equal(report.Changed.Select(e => e.EncounterId), impact.GetProperty("encounters").EnumerateArray().Select(e => e.GetProperty("encounterId").GetString()));
        Assert.Equal(2, impact.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public void TheReplayIsEmptyWhenTheDiffIsEmpty()
    {
        var run = CliProcess.Run(null, "diff", "rules", "rules", "--encounters", "examples/encounters-sample.ndjson");

        Assert.True(run.ExitCode == 0, run.ToString());
        // The sides are in force alike on every date, so no valid encounter needs evaluating.
        Assert.Contains($"impact: {EncounterSample.Count} encounters read, 0 changed, 2 skipped; {EncounterSample.Count - 2} dated outside the periods where the sides differ (none) not replayed (--all-dates replays them)", run.OutLines);

        var all = CliProcess.Run(null, "diff", "rules", "rules", "--encounters", "examples/encounters-sample.ndjson", "--all-dates");
        Assert.Contains($"impact: {EncounterSample.Count} encounters read, 0 changed, 2 skipped (every date replayed)", all.OutLines);
    }

    [Fact]
    public void ReplayingOnlyTheChangedPeriodsFindsEveryChangedEncounter()
    {
        // A change to one version in force from 2025-01-01 (CGS's junction version, its level limit raised).
        var all = Shipped.Value.RuleSets;
        var cgs = all.Single(r => r.Id == "medicare-facet-lcd-cgs" && r.Version == "2025-01-01");
        var changedCgs = cgs with { Sha256 = "changed", Checks = [.. cgs.Checks.Where(c => c.Finding != "C-LEVELS")] };
        ImmutableArray<RuleSet> after = [.. all.Select(r => ReferenceEquals(r, cgs) ? changedCgs : r)];

        Assert.Equal(new[] { new EffectivePeriod(cgs.Effective.From, cgs.Effective.Until) }, ChangedPeriods.Of(all, after).ToArray());

        ImpactReport Replay(bool allDates)
        {
            using var input = File.OpenRead(EncounterSample.FilePath);
            return ImpactReplay.Run(all, after, input, allDates);
        }

        var limited = Replay(allDates: false);
        var everything = Replay(allDates: true);
        Assert.NotEmpty(everything.Changed);
        Assert.Equal(everything.Changed.Select(e => e.EncounterId), limited.Changed.Select(e => e.EncounterId));
        Assert.True(limited.OutsideChangedPeriods > 0);
        Assert.Equal(0, everything.OutsideChangedPeriods);
        Assert.All(limited.Changed, e => Assert.True(e.DateOfService >= cgs.Effective.From));
    }

    [Fact]
    public void EncountersOfOtherPayersNeverChangeWhenOnlyOnePayersPolicyChanges()
    {
        var (before, after) = Sides("2021-04-25", "2023-07-01");
        using var input = File.OpenRead(EncounterSample.FilePath);

        var report = ImpactReplay.Run(before, after, input);

        Assert.All(report.Changed, e => Assert.Equal("medicare-noridian-jf", e.Payer));
    }

    /// <summary>The shipped rules with one Noridian JF version in force on every date on each side, as the CLI builds them.</summary>
    private static (ImmutableArray<RuleSet> Before, ImmutableArray<RuleSet> After) Sides(string before, string after)
    {
        var all = Shipped.Value.RuleSets;
        ImmutableArray<RuleSet> Side(string version) =>
        [
            .. all.Where(r => r.Id != DiffCliTests.Jf),
            all.Single(r => r.Id == DiffCliTests.Jf && r.Version == version) with { Effective = new EffectivePeriod(DateOnly.MinValue, null), UntilDerived = false },
        ];
        return (Side(before), Side(after));
    }

    private static string Outcome(EvaluationResult r) =>
        string.Join(";", r.Lines.Select(l => $"{l.Code}-{string.Join('-', l.Modifiers)} x{l.Units}").Order(StringComparer.Ordinal)) + "|" +
        string.Join(";", r.Findings.Select(f => $"{f.Id}/{f.Severity}").Order(StringComparer.Ordinal));
}
