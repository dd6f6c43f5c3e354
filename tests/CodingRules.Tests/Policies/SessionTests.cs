using CodingRules.Encounters;
using CodingRules.Results;
using static CodingRules.Tests.Policies.PolicyFiles;

namespace CodingRules.Tests.Policies;

/// <summary>
/// Sessions made of several procedure entries (<c>combineEntries</c>), regions counted by region groups
/// (<c>useRegionGroups</c>) and joints left out of a session's counting (<c>effect: exclude</c>), on small rule files
/// written per test: what combines and what does not, what the policies see, the bound on a combined session, and
/// the located diagnostics of a wrong declaration.
/// </summary>
public sealed class SessionTests : IDisposable
{
    private const string SessionEcho =
        """
        checks:
          - id: session-echo
            finding: C-SESSION
            severity: info
            category: coverage
            scope: session
            when: count(session.levels) >= 1
            message: "{session.region} levels={session.levels}"
          - id: procedure-echo
            finding: C-PROCEDURE
            severity: info
            category: coverage
            when: count(procedure.joints) >= 0
            message: "joints={count(procedure.joints)} lines={count(procedure.lines)}"

        """;

    private static readonly string Grouped = Vocabulary.Replace(
        "  levels:",
        "  regionGroups:\n    - { id: spine, regions: [cervical, lumbar] }\n  levels:",
        StringComparison.Ordinal);

    private readonly PolicyFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Combining(string coding) => coding.Replace("handles:", "combineEntries: true\nhandles:", StringComparison.Ordinal);

    private static string Lines(EvaluationResult result) => string.Join(" | ", result.Lines.Select(l => l.ToString()));

    private static string[] Messages(EvaluationResult result, string id) => [.. result.Findings.Where(f => f.Id == id).Select(f => f.Message)];

    [Fact]
    public void WithoutCombineEntriesEveryEntryIsCodedOnItsOwn()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho));

        var result = catalog.Evaluate(Encounter("2022-06-15", PayerA, Procedure(Ablation, Joint("L4-L5", Side.Left)), Procedure(Ablation, Joint("L4-L5", Side.Right))));

        Assert.Equal($"{LumbarFirst}-LT x1 | {LumbarFirst}-RT x1", Lines(result));
        Assert.Equal(2, Messages(result, "C-PROCEDURE").Length);
    }

    [Fact]
    public void EntriesThatDifferOnlyInTheirTargetsAreOneSessionForCodingAndPolicies()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho), Combining(Coding()));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Ablation, Joint("L4-L5", Side.Left)),
            Procedure(Ablation, Joint("L4-L5", Side.Right), Joint("L5-S1", Side.Right))));

        Assert.Equal($"{LumbarFirst}-50 x1 | {LumbarMore}-RT x1", Lines(result));
        Assert.Equal(["joints=3 lines=2"], Messages(result, "C-PROCEDURE"));
        Assert.Equal(["lumbar levels=[\"L4-L5\", \"L5-S1\"]"], Messages(result, "C-SESSION"));
    }

    [Fact]
    public void EntriesThatDifferInAnAttributeStaySessionsOfTheirOwn()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho), Combining(Coding()));
        var other = Procedure(Ablation, Joint("L5-S1", Side.Right)) with { Imaging = "ct" };

        var result = catalog.Evaluate(Encounter("2022-06-15", PayerA, Procedure(Ablation, Joint("L4-L5", Side.Right)), other));

        Assert.Equal($"{LumbarFirst}-RT x1 | {LumbarFirst}-RT x1", Lines(result));
        Assert.Equal(2, Messages(result, "C-PROCEDURE").Length);
    }

    [Fact]
    public void EntriesOfAnotherKindAreNotCombined()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho), Combining(Coding()));

        var result = catalog.Evaluate(Encounter("2022-06-15", PayerA, Procedure(Ablation, Joint("L4-L5", Side.Right)), Procedure(Block, Joint("L5-S1", Side.Right))));

        Assert.Equal($"{LumbarFirst}-RT x1 | {LumbarFirst}-RT x1", Lines(result));
    }

    [Fact]
    public void ASessionHoldsNoMoreTargetsThanOneEntryMay()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho), Combining(Coding()));
        var big = Procedure(Ablation, [.. Enumerable.Repeat(Joint("L4-L5", Side.Right), EncounterContract.MaxJoints - 1)]);

        var result = catalog.Evaluate(Encounter("2022-06-15", PayerA, big, Procedure(Ablation, Joint("L5-S1", Side.Right)), Procedure(Ablation, Joint("L3-L4", Side.Right), Joint("L5-S1", Side.Right))));

        // The first two fit in one session (1,000 targets); the third would take it past the bound and is a session of its own.
        Assert.Equal(2, Messages(result, "C-PROCEDURE").Length);
        Assert.Contains("joints=1000 lines=2", Messages(result, "C-PROCEDURE"));
    }

    [Fact]
    public void WithRegionGroupsJointsSessionsAndHistoryNameTheGroup()
    {
        var policy = Policy(SessionEcho + FrequencyAndLevels.Replace("checks:\n", string.Empty, StringComparison.Ordinal)).Replace(Vocabulary, Grouped + "useRegionGroups: true\n", StringComparison.Ordinal);
        var catalog = _files.LoadClean(policy);
        var encounter = Encounter("2022-06-15", PayerA, Procedure(Ablation, Joint("C5-C6", Side.Right), Joint("L4-L5", Side.Right), Joint("L5-S1", Side.Right))) with
        {
            History = [History("2021-09-01", Ablation, Joint("C5-C6", Side.Left)), History("2022-02-01", Ablation, Joint("C5-C6", Side.Left))],
        };

        var result = catalog.Evaluate(encounter);

        Assert.Equal(["spine levels=[\"C5-C6\", \"L4-L5\", \"L5-S1\"]"], Messages(result, "C-SESSION"));
        Assert.Contains(result.Findings, f => f.Id == "C-LEVELS");
        Assert.Contains(result.Findings, f => f.Id == "C-FREQUENCY"); // the cervical ablations count in the group
        // The coding rule set does not use the groups: its families code per region as before.
        Assert.Equal($"{LumbarFirst}-RT x1 | {LumbarMore}-RT x1 | {CervicalFirst}-RT x1", Lines(result));
    }

    [Fact]
    public void ARegionInTwoGroupsIsLocated()
    {
        var text = Policy(SessionEcho).Replace(Vocabulary, Vocabulary.Replace("  levels:", "  regionGroups:\n    - { id: one, regions: [cervical, lumbar] }\n    - { id: two, regions: [lumbar] }\n  levels:", StringComparison.Ordinal), StringComparison.Ordinal);
        _files.Write("demo-coding/2000-01.yaml", Coding());
        _files.Write("demo-policy/2020-01.yaml", text);

        var (_, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics, d => d.Id == "CR4039");
        Assert.Contains("'lumbar'", d.Message, StringComparison.Ordinal);
        Assert.Equal(Position(text, "[lumbar] }").Line, d.Location.Line);
    }

    [Fact]
    public void ARegionOutsideEveryGroupIsAnErrorOnlyWhenTheGroupsAreUsed()
    {
        var partial = Vocabulary.Replace("  levels:", "  regionGroups:\n    - { id: neck, regions: [cervical] }\n  levels:", StringComparison.Ordinal);
        _files.Write("demo-coding/2000-01.yaml", Coding());
        _files.Write("demo-policy/2020-01.yaml", Policy(SessionEcho).Replace(Vocabulary, partial, StringComparison.Ordinal));
        Assert.Empty(_files.Load().Diagnostics);

        _files.Write("demo-policy/2020-01.yaml", Policy(SessionEcho).Replace(Vocabulary, partial + "useRegionGroups: true\n", StringComparison.Ordinal));
        var d = Assert.Single(_files.Load().Diagnostics);
        Assert.Equal("CR4040", d.Id);
        Assert.Contains("'lumbar'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CombineEntriesInAPolicyIsLocated()
    {
        var text = Policy(SessionEcho).Replace("handles:", "combineEntries: true\nhandles:", StringComparison.Ordinal);
        _files.Write("demo-coding/2000-01.yaml", Coding());
        _files.Write("demo-policy/2020-01.yaml", text);

        var d = Assert.Single(_files.Load().Diagnostics);

        Assert.Equal("CR4041", d.Id);
        Assert.Equal(Position(text, "combineEntries").Line, d.Location.Line);
    }

    private const string ExcludeBlockedJoints =
        """
        checks:
          - id: ablated
            finding: W-BUNDLED
            scope: joint
            severity: warning
            category: coding
            when: >-
              procedure.kind == "demo-block" and joint.known and any(encounter.procedures, p => p.kind == "demo-ablation"
              and any(p.joints, k => k.level == joint.level and k.side == joint.side))
            message: "{joint.side} {joint.level} not coded as a block"
            effect: exclude

        """;

    [Fact]
    public void AnExcludedJointGetsNoLineAndTheOthersAreCounted()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho), Coding(ExcludeBlockedJoints));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Block, Joint("L3-L4", Side.Right), Joint("L4-L5", Side.Bilateral)),
            Procedure(Ablation, Joint("L4-L5", Side.Right))));

        // The block keeps right L3-L4 (first position) and left L4-L5 (second); its right L4-L5 is left out.
        Assert.Equal($"{LumbarFirst}-RT x1 | {LumbarMore}-LT x1 | {LumbarFirst}-RT x1", Lines(result));
        Assert.Equal(["right L4-L5 not coded as a block"], [.. result.Findings.Where(f => f.Id == "W-BUNDLED").Select(f => f.Message)]);
    }

    [Theory]
    [InlineData("procedure", "coding", "CR4012")]
    [InlineData("joint", "policy", "CR4023")]
    public void ExcludeIsOnlyForJointChecksOfCodingRuleSets(string scope, string kind, string id)
    {
        var check = ExcludeBlockedJoints.Replace("scope: joint", $"scope: {scope}", StringComparison.Ordinal)
            .Replace("joint.known and any(encounter.procedures, p => p.kind == \"demo-ablation\"\n      and any(p.joints, k => k.level == joint.level and k.side == joint.side))", "true", StringComparison.Ordinal)
            .Replace("{joint.side} {joint.level} ", string.Empty, StringComparison.Ordinal);
        var text = kind == "coding" ? Coding(check) : Policy(check.Replace("category: coding", "category: coverage", StringComparison.Ordinal));
        _files.Write("demo-coding/2000-01.yaml", kind == "coding" ? text : Coding());
        if (kind == "policy")
        {
            _files.Write("demo-policy/2020-01.yaml", text);
        }

        var d = Assert.Single(_files.Load().Diagnostics);

        Assert.Equal(id, d.Id);
        Assert.Equal(Position(text, "effect: exclude").Line, d.Location.Line);
    }

    private static string RecountCheck(string family) =>
        $$"""
        checks:
          - id: junction
            finding: C-RECOUNT
            severity: info
            category: coverage
            when: any(procedure.joints, j => j.level == "C5-C6")
            message: recounted
            effect:
              recount: { family: {{family}}, after: 1 }
          - id: flag
            finding: C-FLAG
            severity: info
            category: coverage
            when: count(procedure.joints) > 0
            message: flagged
            effect:
              addModifier: { modifier: KX, codes: ["{{LumbarMore}}"] }

        """;

    [Fact]
    public void ARecountCodesTheFamilyFromALaterPositionAndTheSamePolicysModifiersFollow()
    {
        var catalog = _files.LoadClean(Policy(RecountCheck("lumbar")));

        var result = catalog.Evaluate(Encounter("2022-06-15", PayerA, Procedure(Ablation, Joint("C5-C6", Side.Right), Joint("L4-L5", Side.Right), Joint("L5-S1", Side.Left))));

        // Without the recount: 11111-RT (L4-L5) + 11112-LT (L5-S1); counted after one taken position both are add-ons.
        Assert.Equal($"{LumbarMore}-RT-KX x1 | {LumbarMore}-LT-KX x1 | {CervicalFirst}-RT x1", Lines(result));
    }

    [Fact]
    public void ARecountOfAFamilyTheCodingRuleSetLacksLeavesTheLines()
    {
        var catalog = _files.LoadClean(Policy(RecountCheck("no-such-family")));

        var result = catalog.Evaluate(Encounter("2022-06-15", PayerA, Procedure(Ablation, Joint("C5-C6", Side.Right), Joint("L4-L5", Side.Right))));

        Assert.Equal($"{LumbarFirst}-RT x1 | {CervicalFirst}-RT x1", Lines(result));
        Assert.Contains(result.Findings, f => f.Id == "C-RECOUNT");
    }

    [Fact]
    public void ACodingRuleSetMayNotRecount()
    {
        var text = Coding(RecountCheck("lumbar").Replace("category: coverage", "category: coding", StringComparison.Ordinal)
            .Replace("      addModifier: { modifier: KX, codes: [\"" + LumbarMore + "\"] }\n", string.Empty, StringComparison.Ordinal)
            .Replace("          - id: flag", "#", StringComparison.Ordinal));
        _files.Write("demo-coding/2000-01.yaml", text);

        var (_, diagnostics) = _files.Load();

        Assert.Contains(diagnostics, d => d.Id == "CR4023" && d.Message.Contains("'recount'", StringComparison.Ordinal));
    }

    [Fact]
    public void APolicyWithSessionChecksAndNoVocabularyIsWarnedAtEachCheck()
    {
        var text = Policy(SessionEcho).Replace(Vocabulary, string.Empty, StringComparison.Ordinal);
        _files.Write("demo-coding/2000-01.yaml", Coding());
        _files.Write("demo-policy/2020-01.yaml", text);

        var diagnostics = _files.Load().Diagnostics;

        var d = Assert.Single(diagnostics);
        Assert.Equal(("CR4046", Diagnostics.DiagnosticSeverity.Warning), (d.Id, d.Severity));
        Assert.Equal(Position(text, "scope: session").Line, d.Location.Line);
        Assert.Contains("'session-echo'", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, x => x.Message.Contains("'procedure-echo'", StringComparison.Ordinal)); // procedure scope still fires
    }
}
