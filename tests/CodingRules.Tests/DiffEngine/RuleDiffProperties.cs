using System.Text.RegularExpressions;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Diff;
using CodingRules.Loading;
using CodingRules.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CodingRules.Tests.DiffEngine.DiffFiles;

namespace CodingRules.Tests.DiffEngine;

/// <summary>
/// Invariants of the semantic diff: a rule file compared with itself has no changes; swapping the sides swaps every
/// change; independent edits add up; re-formatting a rule file (key order, comments, flow or block style, quoting,
/// folded scalars, JSON) is no change.
/// </summary>
public sealed class RuleDiffProperties
{
    /// <summary>One edit of the facet 2012-01 text that changes its meaning; edits touch different items.</summary>
    public sealed record TextEdit(string Name, Func<string, string> Apply)
    {
        public override string ToString() => Name;
    }

    private static TextEdit Swap(string name, string find, string with) => new(name, t => Replace(t, find, with));

    private static readonly TextEdit[] Edits =
    [
        Swap("code description", "description: \"Unlisted procedure, nervous system\"", "description: Unlisted procedure of the nervous system"),
        Swap("code added", "\ncodes:\n", "\ncodes:\n  - code: \"64998\"\n    description: A code for the diff tests\n"),
        Swap("ladder units", """- { code: "64635", from: 1, to: 1, units: per-joint }""", """- { code: "64635", from: 1, to: 1, units: once }"""),
        Swap("ladder step added", """      - { code: "64634", from: 2, units: per-joint }""", "      - { code: \"64634\", from: 2, to: 3, units: per-joint }\n      - { code: \"64634\", from: 4, units: once }"),
        Swap("family title", "title: Lumbar and lumbosacral facet joints", "title: Lumbar facet joints"),
        Swap("left modifier", "  left: LT\n", "  left: LX\n"),
        Swap("bilateral modifier removed", "  bilateral: \"50\"\n", string.Empty),
        Swap("level region", "{ id: T12-L1, region: thoracic,", "{ id: T12-L1, region: lumbar,"),
        Swap("nerve region", "{ id: T12 medial branch, region: thoracic }", "{ id: T12 medial branch, region: lumbar }"),
        Swap("source url", "url: http://mdstrategies.com/nl_11_17.html", "url: https://mdstrategies.com/nl_11_17.html"),
        Swap("title", "title: Facet joint nerve destruction, per joint, imaging included", "title: Facet joint nerve destruction"),
        Swap("check condition", "when: not joint.known\n", "when: not joint.known and not joint.duplicate\n"),
        Swap("check severity", "finding: W-DUPLICATE\n    severity: warning", "finding: W-DUPLICATE\n    severity: error"),
        Swap("check message", "(the codes count joints, not nerves).\"", "(the codes count joints).\""),
        Swap("check source", "source: IMG-2", "source: IMG-3"),
        Swap("check effect", "source: CPT-1\n    effect: stop", "source: CPT-1\n    effect:\n      replace: { code: \"64999\", units: 1 }"),
        Swap("check scope", "finding: W-NERVE-MAPPED\n    severity: info", "finding: W-NERVE-MAPPED\n    scope: procedure\n    severity: warning"),
        new("check removed", t => Replace(t, RuleDiffTests.CheckBlock(t, "nerve-unknown"), string.Empty)),
        new("check added", t => t.TrimEnd('\n') + "\n\n  - id: no-technique\n    finding: W-NO-TECHNIQUE\n    severity: warning\n    category: coding\n    when: procedure.technique == null\n    message: No technique is documented.\n"),
        Swap("effective from", "from: \"2012-01-01\"", "from: \"2012-02-01\""),
        Swap("effective until added", "effective:\n", "effective:\n  until: 2030-12-31\n"),
    ];

    /// <summary>A change of layout only; each applies to the facet 2012-01 text and to the other layouts' results.</summary>
    private static readonly TextEdit[] Reformats =
    [
        new("checks block before codes", MoveChecksBeforeCodes),
        new("comments removed", t => Regex.Replace(t, @"(?m)^[ \t]*#.*\n", string.Empty)),
        new("comments added", t => Replace(Replace(Replace(t,
            "\ncodes:\n", "\n# The codes.\ncodes:\n  # first the primary, then its add-on\n"),
            "  left: LT\n", "  left: LT # left side\n"),
            """      - { code: "64636", from: 2, units: per-joint }""", """      - { code: "64636", from: 2, units: per-joint } # add-on ladder""")),
        Swap("ladder step in block style", """      - { code: "64635", from: 1, to: 1, units: per-joint }""", "      - code: \"64635\"\n        from: 1\n        to: 1\n        units: per-joint"),
        Swap("level in block style", "    - { id: L5-S1, region: lumbar, nerves: [L4 medial branch, L5 dorsal ramus] }", "    - id: L5-S1\n      region: lumbar\n      nerves:\n        - L4 medial branch\n        - L5 dorsal ramus"),
        Swap("handles in block style", "handles: [facet-joint-destruction]\n", "handles:\n  - facet-joint-destruction\n"),
        Swap("effective in flow style", "effective:\n  from: \"2012-01-01\"\n", "effective: { from: 2012-01-01 }\n"),
        Swap("effect in flow style", "source: IMG-2\n    effect:\n      replace: { code: \"64999\", units: 1 }", "source: IMG-2\n    effect: { replace: { code: \"64999\", units: 1 } }"),
        new("single quotes", t => Replace(Replace(Replace(t,
            "  - code: \"64633\"\n", "  - code: '64633'\n"),
            "bilateral: \"50\"", "bilateral: '50'"),
            "message: \"{joint.level} on the {joint.side} side is listed more than once; it is counted once.\"",
            "message: '{joint.level} on the {joint.side} side is listed more than once; it is counted once.'")),
        Swap("double quotes for a plain message", "message: No facet joint or facet joint nerve is documented for this procedure, so no line can be coded.", "message: \"No facet joint or facet joint nerve is documented for this procedure, so no line can be coded.\""),
        Swap("folded condition", "when: count(procedure.nerves) > 0\n", "when: >\n      count(procedure.nerves)\n      > 0\n"),
        Swap("plain condition for a folded one", "when: >\n      procedure.technique != \"radiofrequency\" or (procedure.temperatureCelsius != null and\n      procedure.temperatureCelsius < 80)\n", "when: procedure.technique != \"radiofrequency\" or (procedure.temperatureCelsius != null and procedure.temperatureCelsius < 80)\n"),
        Swap("folded message", "message: \"The {nerve.side} {nerve.name} does not complete the nerve supply of any facet joint on that side; it is not coded on its own (the codes count joints, not nerves).\"", "message: >-\n      The {nerve.side} {nerve.name} does not complete the nerve supply of any facet joint\n      on that side; it is not coded on its own (the codes count joints, not nerves).\n"),
    ];

    private static readonly string[] RuleFiles = [.. ShippedVersions()];

    [Property(MaxTest = 50)]
    public Property EveryShippedRuleSetComparedWithItselfHasNoChanges() =>
        Prop.ForAll(Arb.From(Gen.Elements(RuleFiles)), name =>
        {
            var text = FlatText(name);
            var changes = RuleDiff.CompareVersions(Compile(text, "a/" + name + ".yaml"), Compile(text, "b/" + name + ".yaml"));
            return changes.IsEmpty.Label(Describe(changes));
        });

    [Fact]
    public void TheShippedRulesFolderComparedWithItselfHasNoChanges()
    {
        var (left, leftDiagnostics) = RuleCatalog.Load([RulesFolder]);
        var (right, _) = RuleCatalog.Load([RulesFolder]);
        Assert.DoesNotContain(leftDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(left.RuleSets);
        Assert.NotEmpty(left.Tests);

        Assert.Empty(RuleDiff.Compare(left.RuleSets, right.RuleSets, left.Tests, right.Tests));
    }

    [Fact]
    public void TheShippedRulesFolderComparedWithItselfInAnotherOrderHasNoChanges()
    {
        var (left, _) = RuleCatalog.Load([RulesFolder]);
        var (right, _) = RuleCatalog.Load([RulesFolder]);

        Assert.Empty(RuleDiff.Compare(left.RuleSets.Reverse(), right.RuleSets, left.Tests.Reverse(), right.Tests));
    }

    [Property(MaxTest = 50)]
    public Property SwappingTheSidesSwapsEveryChange() =>
        Prop.ForAll(Arb.From(Gen.Elements(Edits)), edit =>
        {
            var a = Compile(FacetText, "a.yaml");
            var b = Compile(edit.Apply(FacetText), "b.yaml");
            var forward = RuleDiff.CompareVersions(a, b);
            var backward = RuleDiff.CompareVersions(b, a);
            var expected = forward.Select(Swapped).Select(Key).Order(StringComparer.Ordinal).ToList();
            var actual = backward.Select(Key).Order(StringComparer.Ordinal).ToList();
            return (forward.Length > 0).Label($"{edit} gave no change")
                .And(expected.SequenceEqual(actual).Label($"{edit}: forward swapped {Describe(expected)} backward {Describe(actual)}"));
        });

    [Property(MaxTest = 50)]
    public Property IndependentEditsGiveTheUnionOfTheirChanges() =>
        Prop.ForAll(Arb.From(Gen.SubListOf(Edits)), edits =>
        {
            var a = Compile(FacetText, "a.yaml");
            var together = RuleDiff.CompareVersions(a, Compile(edits.Aggregate(FacetText, (t, e) => e.Apply(t)), "b.yaml"));
            var one = edits.SelectMany(e => RuleDiff.CompareVersions(a, Compile(e.Apply(FacetText), "b.yaml"))).ToList();
            var expected = one.Select(Comparable).Order(StringComparer.Ordinal).ToList();
            var actual = together.Select(Comparable).Order(StringComparer.Ordinal).ToList();
            return expected.SequenceEqual(actual).Label($"[{string.Join(", ", edits)}]: one by one {Describe(expected)} together {Describe(actual)}");
        });

    [Property(MaxTest = 50)]
    public Property ReformattingTheFacetRuleFileIsNoChange() =>
        Prop.ForAll(Arb.From(Gen.SubListOf(Reformats).Where(l => l.Count > 0)), reformats =>
        {
            var text = reformats.Aggregate(FacetText, (t, r) => r.Apply(t));
            var changes = RuleDiff.CompareVersions(Compile(FacetText, "a.yaml"), Compile(text, "b.yaml"));
            return changes.IsEmpty.Label($"[{string.Join(", ", reformats)}]: {Describe(changes)}");
        });

    [Theory]
    [InlineData("description: Facet joint nerve destruction with fluoroscopic or CT guidance, lumbar or sacral, first joint\n", "description: >-\n      Facet joint nerve destruction with fluoroscopic or CT guidance,\n      lumbar or sacral, first joint\n")]
    [InlineData("title: Lumbar and lumbosacral facet joints\n", "title: >\n      Lumbar and lumbosacral facet joints\n")]
    public void AFoldedDescriptionOrTitleIsNoChange(string find, string with)
    {
        var changes = RuleDiff.CompareVersions(Compile(FacetText, "a.yaml"), Compile(Replace(FacetText, find, with), "b.yaml"));
        Assert.True(changes.IsEmpty, Describe(changes));
    }

    [Property(MaxTest = 50)]
    public Property EveryShippedRuleSetWrittenAsJsonIsNoChange() =>
        Prop.ForAll(Arb.From(Gen.Elements(RuleFiles)), name =>
        {
            var text = FlatText(name);
            var file = name + ".yaml";
            var root = YamlDocumentReader.Read(SourceText.From(file, text), new DiagnosticBag())!;
            var json = SchemaValidator.ToJson(root).ToString(Newtonsoft.Json.Formatting.Indented);
            var changes = RuleDiff.CompareVersions(Compile(text, file), Compile(json, Path.ChangeExtension(file, ".json")));
            return changes.IsEmpty.Label(Describe(changes));
        });

    [Fact]
    public void EveryReformatAppliesAndEveryEditChangesSomething()
    {
        var a = Compile(FacetText, "a.yaml");
        foreach (var reformat in Reformats)
        {
            var text = reformat.Apply(FacetText);
            Assert.NotEqual(FacetText, text);
            Assert.True(RuleDiff.CompareVersions(a, Compile(text, "b.yaml")).IsEmpty, reformat.Name);
        }

        foreach (var edit in Edits)
        {
            Assert.False(RuleDiff.CompareVersions(a, Compile(edit.Apply(FacetText), "b.yaml")).IsEmpty, edit.Name);
        }
    }

    /// <summary>Moves the <c>checks:</c> block (the last top-level key of the facet file) before <c>codes:</c>.</summary>
    private static string MoveChecksBeforeCodes(string text)
    {
        var checks = text.IndexOf("\nchecks:\n", StringComparison.Ordinal);
        var codes = text.IndexOf("\ncodes:\n", StringComparison.Ordinal);
        Assert.True(checks > codes && codes > 0, "the facet file keeps checks last, after codes");
        var block = text[(checks + 1)..].TrimEnd('\n') + "\n\n";
        return string.Concat(text.AsSpan(0, codes + 1), block, text.AsSpan(codes + 1, checks - codes));
    }

    /// <summary>A change without its locations (edits applied together shift lines) and its sentence.</summary>
    private static string Comparable(RuleChange c) => $"{c.Kind} {c.RuleSet} {c.Version} {c.Area} [{c.Item}] '{c.Before}' -> '{c.After}'";

    private static string Describe(IEnumerable<RuleChange> changes) => Describe(changes.Select(Key));

    private static string Describe(IEnumerable<string> changes) => "[" + string.Join(" ;; ", changes) + "]";
}
