using CodingRules.Tests.Diff;

namespace CodingRules.Tests.Cli;

/// <summary>
/// The traps an editor working in a repository fell into (issue 11): the default rules are the repository's, not
/// the copy in the build output; testing one folder loads the catalog its tests need; a folder without tests says
/// so; validate counts versions and rule sets apart; JSON keeps quotes as quotes. Real processes, real folders.
/// </summary>
public sealed class CliEditorTests
{
    private static string Shipped(string relative) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "rules", relative));

    [Fact]
    public void InsideARepositoryTheDefaultRulesAreItsRulesFolder()
    {
        using var repository = new TempFolder();
        repository.Write("rules/shared/sacroiliac.yaml", Shipped("shared/sacroiliac.yaml"));
        repository.Write("rules/cpt-sacroiliac-joint-destruction/2020-01.yaml", Shipped("cpt-sacroiliac-joint-destruction/2020-01.yaml"));
        Directory.CreateDirectory(Path.Combine(repository.Path, "docs", "deep"));

        var inside = CliProcess.RunIn(Path.Combine(repository.Path, "docs", "deep"), null, "versions");

        Assert.True(inside.ExitCode == 0, inside.ToString());
        Assert.Equal(2, inside.OutLines.Length); // the header and the one version of this repository
        Assert.Contains("cpt-sacroiliac-joint-destruction", inside.OutLines[1], StringComparison.Ordinal);
        Assert.Contains($"rules loaded from {Path.Combine(repository.Path, "rules")}", inside.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideAnyRulesFolderTheShippedCopyIsTheDefault()
    {
        using var elsewhere = new TempFolder();

        var run = CliProcess.RunIn(elsewhere.Path, null, "versions");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"rules loaded from {Path.Combine(Path.GetDirectoryName(CliProcess.CliDll)!, "rules")}", run.Error, StringComparison.Ordinal);
        Assert.True(run.OutLines.Length > 30, run.ToString());
    }

    [Fact]
    public void TestingOneContractorsFolderRunsItsTestsInTheWholeCatalog()
    {
        var run = CliProcess.Run(null, "test", "rules/medicare-facet-lcd-noridian-jf");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Rule tests: [1-9][0-9]+ passed, 0 failed", run.Out);
        var all = CliProcess.Run(null, "test", "rules");
        Assert.NotEqual(all.OutLines[^1], run.OutLines[^1]); // a subset, not everything

        var verbose = CliProcess.Run(null, "test", "rules/medicare-facet-lcd-noridian-jf", "--verbose");
        Assert.Contains(verbose.OutLines, l => l.StartsWith("pass rules/medicare-facet-lcd/2021.tests.yaml", StringComparison.Ordinal) && l.EndsWith("[medicare-facet-lcd-noridian-jf@2021-04-25]", StringComparison.Ordinal));
        Assert.DoesNotContain(verbose.OutLines, l => l.Contains("[medicare-facet-lcd-cgs@", StringComparison.Ordinal));
    }

    [Fact]
    public void AFolderWithoutTestsSaysSo()
    {
        var run = CliProcess.Run(null, "test", "rules/shared");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no test case under", run.Error, StringComparison.Ordinal);
        Assert.Contains("rules/shared", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateCountsVersionsRuleSetsAndLibrariesApart()
    {
        var catalog = ShippedRules.Catalog;
        var run = CliProcess.Run(null, "validate", "rules");

        Assert.True(run.ExitCode == 0, run.ToString());
        var ruleSets = catalog.RuleSets.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count();
        Assert.StartsWith($"{catalog.RuleSets.Length} versions of {ruleSets} rule sets, {catalog.Libraries.Length} libraries, ", run.OutLines[^1], StringComparison.Ordinal);
        Assert.True(ruleSets < catalog.RuleSets.Length);
    }

    [Fact]
    public void JsonResultsKeepQuotesAndApostrophesAsThey()
    {
        var run = CliProcess.Run(
            """{"id":"E-Q","dateOfService":"2024-09-18","procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","imaging":"fluoroscopy","joints":[{"level":"L4-L5","side":"bilateral"},{"level":"S1-S2","side":"left"}]}]}""",
            "evaluate", "-");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"modifiers\":[\"50\"]", run.Out, StringComparison.Ordinal);
        Assert.Contains("'S1-S2' is not a facet joint", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageNamesTheToolCodingrulesHoweverItIsStarted()
    {
        var root = CliProcess.Run(null, "--help");
        var verb = CliProcess.Run(null, "lint", "--help");

        Assert.True(root.ExitCode == 0, root.ToString());
        Assert.Contains("Usage:\n  codingrules [command] [options]", root.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  codingrules lint [<paths>...] [options]", verb.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("CodingRules.Cli", root.Out + verb.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyExpectationAndAnIncompleteEffectSayWhatToWrite()
    {
        using var repository = new TempFolder();
        repository.Write("rules/shared/sacroiliac.yaml", Shipped("shared/sacroiliac.yaml"));
        var rules = Shipped("cpt-sacroiliac-joint-destruction/2020-01.yaml");
        var replace = rules.IndexOf("replace:", StringComparison.Ordinal);
        Assert.True(replace > 0, "the shipped SI rules replace with the unlisted code");
        rules = string.Concat(rules.AsSpan(0, replace), "replace: { units: 0 }", rules.AsSpan(rules.IndexOf('\n', replace)));
        repository.Write("rules/si/2020-01.yaml", rules);
        repository.Write("rules/si/2020-01.tests.yaml", """
            tests: cpt-sacroiliac-joint-destruction
            cases:
            - name: Nothing expected
              encounter: { dateOfService: '2024-09-18', procedures: [{ kind: sacroiliac-joint-destruction, side: left }] }
              expect: {}

            """);

        var run = CliProcess.RunIn(repository.Path, null, "validate", "rules");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2020-01.tests.yaml:5:11: error CR1007: The value does not match the schema: the mapping is empty; write at least one of errors, findings, lines", run.Out, StringComparison.Ordinal);
        Assert.Contains("error CR1003: Required property 'code' is missing", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("TooFewProperties", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("expected finding", run.Out, StringComparison.Ordinal); // not every form an effect may take
    }

    [Fact]
    public void ValidateReportsATestEncounterThatBreaksTheContract()
    {
        using var repository = new TempFolder();
        repository.Write("rules/shared/sacroiliac.yaml", Shipped("shared/sacroiliac.yaml"));
        repository.Write("rules/si/2020-01.yaml", Shipped("cpt-sacroiliac-joint-destruction/2020-01.yaml"));
        var tests = repository.Write("rules/si/2020-01.tests.yaml", """
            tests: cpt-sacroiliac-joint-destruction
            cases:
            - name: No date of service
              encounter:
                procedures: [{ kind: sacroiliac-joint-destruction, side: left }]
              expect: { findings: [] }
            - name: An unknown field
              encounter:
                dateOfService: '2024-09-18'
                procedures: [{ kind: sacroiliac-joint-destruction, side: left, color: blue }]
              expect: { findings: [] }
            - name: Errors expected on purpose
              encounter:
                procedures: [{ kind: sacroiliac-joint-destruction, side: left }]
              expect: { errors: [CR5002] }

            """);

        var run = CliProcess.RunIn(repository.Path, null, "validate", "rules");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{Path.Combine("rules", "si", "2020-01.tests.yaml")}:5:5: error CR4011: Test 'No date of service': the encounter is invalid at /dateOfService: CR5002", run.Out, StringComparison.Ordinal);
        Assert.Contains("Test 'An unknown field': the encounter is invalid at /procedures/0/color: CR5005", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Errors expected on purpose", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(tests));
    }

    [Fact]
    public async Task ExplainWithJsonGivesEachResultAStructuredTraceThatTheResultSchemaDescribes()
    {
        var run = CliProcess.Run(null, "evaluate", "examples/seed-three-levels-bilateral.json", "--explain", "--format", "json");
        var plain = CliProcess.Run(null, "evaluate", "examples/seed-three-levels-bilateral.json", "--format", "json");
        var text = CliProcess.Run(null, "evaluate", "examples/seed-three-levels-bilateral.json", "--explain");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"rules loaded from {Path.Combine(RepositoryRoot.Path, "rules")}", run.Error, StringComparison.Ordinal);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot.Path, "schemas", "result.schema.json"));
        var line = Assert.Single(run.OutLines);
        Assert.Empty(schema.Validate(line));
        using var result = System.Text.Json.JsonDocument.Parse(line);
        var root = result.RootElement;
        // The same result as without the trace, with the trace last.
        Assert.Equal(plain.OutLines[0][..^1], line[..line.IndexOf(",\"explain\":", StringComparison.Ordinal)]);
        var steps = Flatten(root.GetProperty("explain")).ToList();
        var ruleSet = Assert.Single(steps, s => s.GetProperty("kind").GetString() == "ruleSet");
        Assert.Equal("cpt-facet-joint-destruction", ruleSet.GetProperty("id").GetString());
        Assert.Equal(root.GetProperty("ruleSets")[0].GetProperty("sha256").GetString(), ruleSet.GetProperty("sha256").GetString());
        var check = steps.First(s => s.GetProperty("kind").GetString() == "check" && s.GetProperty("check").GetString() == "no-joints");
        Assert.False(check.GetProperty("fired").GetBoolean());
        Assert.Contains(check.GetProperty("steps").EnumerateArray(), f => f.GetProperty("kind").GetString() == "fact"
            && f.GetProperty("expression").GetString() == "count(procedure.joints)" && f.GetProperty("value").GetString() == "6");
        var lines = steps.Where(s => s.GetProperty("kind").GetString() == "line").Select(s => $"{s.GetProperty("code").GetString()} x{s.GetProperty("units").GetInt32()} {s.GetProperty("rule").GetString()}").ToList();
        Assert.Equal(["64635 x1 lumbar-sacral", "64636 x2 lumbar-sacral"], lines);
        // The text trace says the same steps, one per line.
        Assert.Equal(steps.Count(s => s.GetProperty("text").GetString()!.Length > 0), text.OutLines.SkipWhile(l => l != "  trace:").Skip(1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Count());

        static IEnumerable<System.Text.Json.JsonElement> Flatten(System.Text.Json.JsonElement array)
        {
            foreach (var step in array.EnumerateArray())
            {
                yield return step;
                if (step.TryGetProperty("steps", out var children))
                {
                    foreach (var child in Flatten(children))
                    {
                        yield return child;
                    }
                }
            }
        }
    }
}
