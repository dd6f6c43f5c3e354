using CodingRules.Diff;
using CodingRules.Testing;
using static CodingRules.Tests.DiffEngine.DiffFiles;

namespace CodingRules.Tests.DiffEngine;

/// <summary>
/// The semantic diff on the shipped facet rule set (cpt-facet-joint-destruction 2012-01): one edit of the text at a
/// time gives exactly one change, of the right kind, in the right area and item, located on each side.
/// </summary>
public sealed class RuleDiffTests
{
    private const string FacetId = "cpt-facet-joint-destruction";

    public static TheoryData<string, string, string, ChangeKind, string, string, string> SingleEdits => new()
    {
        {
            "a code description", "description: \"Unlisted procedure, nervous system\"", "description: Unlisted procedure of the nervous system",
            ChangeKind.Changed, "code", "64999", "64999"
        },
        {
            "a ladder step's units", """- { code: "64635", from: 1, to: 1, units: per-joint }""", """- { code: "64635", from: 1, to: 1, units: once }""",
            ChangeKind.Changed, "ladder", "lumbar-sacral step 1", "lumbar-sacral"
        },
        {
            "a laterality modifier", "  left: LT\n", "  left: LX\n",
            ChangeKind.Changed, "laterality", "left", "left-side modifier"
        },
        {
            "a level's region", "{ id: T12-L1, region: thoracic,", "{ id: T12-L1, region: lumbar,",
            ChangeKind.Changed, "level", "T12-L1", "T12-L1"
        },
        {
            "a check's condition", "when: not joint.known\n", "when: not joint.known and not joint.duplicate\n",
            ChangeKind.Changed, "check", "E-INVALID-JOINT (invalid-joint)", "condition not joint.known -> not joint.known and not joint.duplicate"
        },
        {
            "a check's severity", "finding: W-DUPLICATE\n    severity: warning", "finding: W-DUPLICATE\n    severity: error",
            ChangeKind.Changed, "check", "W-DUPLICATE (duplicate-joint)", "severity warning -> error"
        },
        {
            "a check's message", "(the codes count joints, not nerves).\"", "(the codes count joints).\"",
            ChangeKind.Changed, "check", "W-NERVE-UNMATCHED (nerve-unmatched)", "message"
        },
        {
            "a check's source", "source: IMG-2", "source: IMG-3",
            ChangeKind.Changed, "check", "E-NO-IMAGING (imaging-required)", "source IMG-2 -> IMG-3"
        },
        {
            "a check's effect", "source: CPT-1\n    effect: stop", "source: CPT-1\n    effect:\n      replace: { code: \"64999\", units: 1 }",
            ChangeKind.Changed, "check", "E-NO-JOINTS (no-joints)", "effect stop coding the procedure -> replace the lines with 64999 x1"
        },
        {
            "a renamed check keeping its finding", "- id: duplicate-joint", "- id: repeated-joint",
            ChangeKind.Changed, "check", "W-DUPLICATE (repeated-joint)", "id duplicate-joint -> repeated-joint"
        },
        {
            "the effective from", "from: \"2012-01-01\"", "from: \"2012-02-01\"",
            ChangeKind.Changed, "effective", "from", "2012-02-01"
        },
    };

    [Theory]
    [MemberData(nameof(SingleEdits))]
    public void OneEditOfTheTextIsExactlyOneChange(string what, string find, string with, ChangeKind kind, string area, string item, string named)
    {
        var before = Compile(FacetText, "before.yaml");
        var after = Compile(Replace(FacetText, find, with), "after.yaml");

        var change = Assert.Single(RuleDiff.CompareVersions(before, after));

        Assert.True(change.Kind == kind, what);
        Assert.Equal((FacetId, "2012-01", area, item), (change.RuleSet, change.Version, change.Area, change.Item));
        Assert.NotNull(change.Before);
        Assert.NotNull(change.After);
        Assert.Contains(named, change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ARenamedCheckIsOneIdChangeWithBothIds()
    {
        var before = Compile(FacetText, "before.yaml");
        var after = Compile(Replace(FacetText, "- id: duplicate-joint", "- id: repeated-joint"), "after.yaml");

        var change = Assert.Single(RuleDiff.CompareVersions(before, after));

        Assert.Equal((ChangeKind.Changed, "check", "W-DUPLICATE (repeated-joint)"), (change.Kind, change.Area, change.Item));
        Assert.Contains("duplicate-joint -> repeated-joint", change.Summary, StringComparison.Ordinal);
        Assert.Equal(LineOf(FacetText, "- id: duplicate-joint"), change.BeforeLocation?.Line);
        Assert.Equal(LineOf(FacetText, "- id: duplicate-joint"), change.AfterLocation?.Line);
    }

    [Fact]
    public void AnAddedCheckIsAddedAndLocatedOnTheAfterSide()
    {
        const string Added = """

              - id: no-technique
                finding: W-NO-TECHNIQUE
                severity: warning
                category: coding
                when: procedure.technique == null
                message: No technique is documented.
            """;
        var afterText = FacetText.TrimEnd('\n') + "\n" + Added + "\n";
        var change = Assert.Single(RuleDiff.CompareVersions(Compile(FacetText, "before.yaml"), Compile(afterText, "after.yaml")));

        Assert.Equal((ChangeKind.Added, "check", "W-NO-TECHNIQUE (no-technique)"), (change.Kind, change.Area, change.Item));
        Assert.Null(change.Before);
        Assert.Contains("W-NO-TECHNIQUE", change.After, StringComparison.Ordinal);
        Assert.Contains("no-technique", change.Summary, StringComparison.Ordinal);
        Assert.Equal(("after.yaml", LineOf(afterText, "- id: no-technique")), (change.AfterLocation?.Path, change.AfterLocation?.Line));
    }

    [Fact]
    public void ARemovedCheckIsRemovedAndLocatedOnTheBeforeSide()
    {
        var afterText = Replace(FacetText, CheckBlock(FacetText, "nerve-unknown"), string.Empty);
        var change = Assert.Single(RuleDiff.CompareVersions(Compile(FacetText, "before.yaml"), Compile(afterText, "after.yaml")));

        Assert.Equal((ChangeKind.Removed, "check", "W-NERVE-UNKNOWN (nerve-unknown)"), (change.Kind, change.Area, change.Item));
        Assert.Null(change.After);
        Assert.Contains("nerve-unknown", change.Summary, StringComparison.Ordinal);
        Assert.Equal(("before.yaml", LineOf(FacetText, "- id: nerve-unknown")), (change.BeforeLocation?.Path, change.BeforeLocation?.Line));
    }

    [Fact]
    public void AChangedCheckIsLocatedAtTheCheckOnEachSide()
    {
        // Two comment lines above the checks move every check two lines down on the after side.
        var afterText = Replace(
            Replace(FacetText, "\nchecks:\n", "\n# first\n# second\nchecks:\n"),
            "when: not joint.known\n",
            "when: not joint.known and not joint.duplicate\n");

        var change = Assert.Single(RuleDiff.CompareVersions(Compile(FacetText, "before.yaml"), Compile(afterText, "after.yaml")));

        var beforeLine = LineOf(FacetText, "- id: invalid-joint");
        Assert.Equal(("before.yaml", beforeLine), (change.BeforeLocation?.Path, change.BeforeLocation?.Line));
        Assert.Equal(("after.yaml", beforeLine + 2), (change.AfterLocation?.Path, change.AfterLocation?.Line));
        Assert.Equal(LineOf(afterText, "- id: invalid-joint"), change.AfterLocation?.Line);
    }

    [Fact]
    public void AVersionOnlyOnTheAfterSideIsAddedAndOnlyOnTheBeforeSideRemoved()
    {
        var current = Compile(FacetText, "2012-01.yaml");
        var older = Compile(FacetOlderText, "2000-01.yaml");

        var added = Assert.Single(RuleDiff.Compare([current], [Compile(FacetText, "2012-01.yaml"), older]));
        Assert.Equal((ChangeKind.Added, FacetId, "2000-01", "version", "2000-01"), (added.Kind, added.RuleSet, added.Version, added.Area, added.Item));
        Assert.Equal("2000-01.yaml", added.AfterLocation?.Path);
        Assert.Null(added.BeforeLocation);

        var removed = Assert.Single(RuleDiff.Compare([older, current], [Compile(FacetText, "2012-01.yaml")]));
        Assert.Equal((ChangeKind.Removed, FacetId, "2000-01", "version", "2000-01"), (removed.Kind, removed.RuleSet, removed.Version, removed.Area, removed.Item));
        Assert.Equal("2000-01.yaml", removed.BeforeLocation?.Path);
        Assert.Null(removed.AfterLocation);
    }

    [Fact]
    public void AnAddedTestCaseIsAdded()
    {
        const string NewCase = """

              - name: A new case - one left lumbar joint
                encounter:
                  id: T-NEW
                  dateOfService: 2024-09-18
                  procedures:
                    - kind: facet-joint-destruction
                      technique: radiofrequency
                      imaging: fluoroscopy
                      joints:
                        - { level: L4-L5, side: left }
                expect:
                  findings: []
            """;
        var afterText = FacetTestsText.TrimEnd('\n') + "\n" + NewCase + "\n";

        var change = Assert.Single(CompareTests(afterText));

        Assert.Equal((ChangeKind.Added, FacetId, "tests", "test", "A new case - one left lumbar joint"), (change.Kind, change.RuleSet, change.Version, change.Area, change.Item));
        Assert.Equal(LineOf(afterText, "- name: A new case - one left lumbar joint"), change.AfterLocation?.Line);
    }

    [Fact]
    public void ATestCaseWithAnotherEncounterIsChanged()
    {
        var afterText = Replace(FacetTestsText, "temperatureCelsius: 85", "temperatureCelsius: 86");

        var change = Assert.Single(CompareTests(afterText));

        Assert.Equal((ChangeKind.Changed, "test", "Single right lumbar joint is one unit of the primary code"), (change.Kind, change.Area, change.Item));
        Assert.Equal(change.Before, change.After);
    }

    [Fact]
    public void ATestCaseWithAnotherExpectationIsChangedAndLocatedOnEachSide()
    {
        const string Name = "Single right lumbar joint is one unit of the primary code";
        var afterText = Replace(
            FacetTestsText,
            "findings: [] }\n\n  - name: Single left lumbar joint takes LT",
            "findings: [W-DUPLICATE] }\n\n  - name: Single left lumbar joint takes LT");

        var change = Assert.Single(CompareTests(afterText));

        Assert.Equal((ChangeKind.Changed, "test", Name), (change.Kind, change.Area, change.Item));
        Assert.DoesNotContain("W-DUPLICATE", change.Before, StringComparison.Ordinal);
        Assert.Contains("W-DUPLICATE", change.After, StringComparison.Ordinal);
        Assert.Equal(LineOf(FacetTestsText, "- name: " + Name), change.BeforeLocation?.Line);
        Assert.Equal(LineOf(afterText, "- name: " + Name), change.AfterLocation?.Line);
    }

    [Fact]
    public void ARemovedTestCaseIsRemoved()
    {
        const string Name = "Single left lumbar joint takes LT";
        var start = FacetTestsText.IndexOf("\n  - name: " + Name + "\n", StringComparison.Ordinal) + 1;
        var end = FacetTestsText.IndexOf("\n  - name: ", start, StringComparison.Ordinal) + 1;
        var afterText = FacetTestsText.Remove(start, end - start);

        var change = Assert.Single(CompareTests(afterText));

        Assert.Equal((ChangeKind.Removed, FacetId, "test", Name), (change.Kind, change.RuleSet, change.Area, change.Item));
        Assert.Equal(LineOf(FacetTestsText, "- name: " + Name), change.BeforeLocation?.Line);
        Assert.Null(change.AfterLocation);
    }

    [Fact]
    public void ATestCaseChangedInOneVersionIsChangedEvenWhenAnotherVersionHasACaseOfTheSameName()
    {
        var folder = Path.Combine(RulesFolder, "cpt-facet-joint-injection");
        var older = File.ReadAllText(Path.Combine(folder, "2000-01.tests.yaml"));
        var newer = File.ReadAllText(Path.Combine(folder, "2010-01.tests.yaml"));
        var edited = Replace(newer, "{ level: L4-5, side: right }, { level: L5-S1, side: right }]", "{ level: L4-5, side: right }, { level: L5-S1, side: left }]");

        var changes = RuleDiff.Compare(
            [], [], [CompileTests(older, "2000-01.tests.yaml"), CompileTests(newer, "2010-01.tests.yaml")], [CompileTests(older, "2000-01.tests.yaml"), CompileTests(edited, "2010-01.tests.yaml")]);

        var change = Assert.Single(changes);
        Assert.Equal((ChangeKind.Changed, "A level listed twice on one side is counted once"), (change.Kind, change.Item));
    }

    [Fact]
    public void TwoRemovedChecksSharingAFindingAreNotBothRenamedToOneAddedCheck()
    {
        var beforeText = Replace(FacetText, "finding: W-NERVE-UNKNOWN", "finding: W-NERVE-UNMATCHED");
        var afterText = Replace(
            Replace(beforeText, CheckBlock(beforeText, "nerve-unknown"), string.Empty),
            "- id: nerve-unmatched",
            "- id: nerve-orphan");

        var changes = RuleDiff.CompareVersions(Compile(beforeText, "before.yaml"), Compile(afterText, "after.yaml"));

        Assert.Single(changes, c => c.Kind == ChangeKind.Changed && c.Area == "check");
        Assert.Single(changes, c => c.Kind == ChangeKind.Removed && c.Item == "W-NERVE-UNMATCHED (nerve-unknown)");
    }

    /// <summary>The text of one check, from its <c>- id:</c> line to the next check (or the end).</summary>
    internal static string CheckBlock(string text, string id)
    {
        var start = text.IndexOf("  - id: " + id + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no check {id}");
        var end = text.IndexOf("  - id: ", start + 1, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static System.Collections.Immutable.ImmutableArray<RuleChange> CompareTests(string afterTestsText)
    {
        var rules = Compile(FacetText, "2012-01.yaml");
        RuleTestFile before = CompileTests(FacetTestsText, "before.tests.yaml");
        RuleTestFile after = CompileTests(afterTestsText, "after.tests.yaml");
        return RuleDiff.Compare([rules], [Compile(FacetText, "2012-01.yaml")], [before], [after]);
    }
}
