using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Results;
using static CodingRules.Tests.Policies.PolicyFiles;

namespace CodingRules.Tests.Policies;

/// <summary>
/// Payer policies on small rule files written per test: which encounters a policy applies to, how sessions are
/// formed, what policies may do to lines (addModifier, recode, never stop or replace), the rule sets a result
/// names, history facts, and the explanation of a rolling window.
/// </summary>
public sealed class PolicyEngineTests : IDisposable
{
    private const string Always =
        """
        checks:
          - id: always
            finding: C-SEEN
            severity: info
            category: coverage
            when: count(procedure.joints) >= 0
            message: "seen {procedure.kind}"

        """;

    private const string SessionEcho =
        """
        checks:
          - id: session-echo
            finding: C-SESSION
            severity: info
            category: coverage
            scope: session
            when: count(session.levels) >= 1
            message: "{session.region} levels={session.levels} kinds={session.kinds} joints={count(session.joints)}"

        """;

    private readonly PolicyFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Procedure LumbarRight => Procedure(Ablation, Joint("L4-L5", Side.Right));

    private static string Lines(EvaluationResult result) => string.Join(" | ", result.Lines.Select(l => l.ToString()));

    private static string[] FindingIds(EvaluationResult result) => [.. result.Findings.Select(f => f.Id)];

    [Fact]
    public void APolicyAppliesOnlyToThePayersItLists()
    {
        var catalog = _files.LoadClean(Policy(Always));

        Assert.Equal(["C-SEEN"], FindingIds(catalog.Evaluate(Encounter("2022-06-15", PayerA, LumbarRight))));
        Assert.Equal(["C-SEEN"], FindingIds(catalog.Evaluate(Encounter("2022-06-15", PayerB, LumbarRight))));
        Assert.Empty(catalog.Evaluate(Encounter("2022-06-15", "payer-other", LumbarRight)).Findings);
        Assert.Empty(catalog.Evaluate(Encounter("2022-06-15", "PAYER-A", LumbarRight)).Findings);
    }

    [Theory]
    [InlineData("2019-12-31", false)]
    [InlineData("2020-01-01", true)]
    [InlineData("2021-12-31", true)]
    [InlineData("2022-01-01", false)]
    public void APolicyAppliesOnlyInItsEffectivePeriod(string dateOfService, bool applies)
    {
        var catalog = _files.LoadClean(Policy(Always, until: "2021-12-31"));

        var result = catalog.Evaluate(Encounter(dateOfService, PayerA, LumbarRight));

        Assert.Equal(applies, result.Findings.Any(f => f.Id == "C-SEEN"));
        Assert.Equal(applies, result.RuleSets.Any(r => r.Id == "demo-policy"));
        Assert.Equal("11111-RT x1", Lines(result));
    }

    [Fact]
    public void ThePolicyVersionInForceOnTheDateOfServiceApplies()
    {
        _files.Write("demo-coding/2000-01.yaml", Coding());
        _files.Write("demo-policy/2020-01.yaml", Policy(Always));
        _files.Write("demo-policy/2023-01.yaml", Policy(Always.Replace("C-SEEN", "C-SEEN-2023", StringComparison.Ordinal), version: "2023-01", from: "2023-01-01"));
        var (catalog, diagnostics) = _files.Load();
        Assert.Empty(diagnostics);

        Assert.Equal(["C-SEEN"], FindingIds(catalog.Evaluate(Encounter("2022-12-31", PayerA, LumbarRight))));
        Assert.Equal(["C-SEEN-2023"], FindingIds(catalog.Evaluate(Encounter("2023-01-01", PayerA, LumbarRight))));
        Assert.Equal("2023-01", Assert.Single(catalog.Evaluate(Encounter("2023-01-01", PayerA, LumbarRight)).RuleSets, r => r.Id == "demo-policy").Version);
    }

    [Fact]
    public void AnEncounterWithoutAPayerIsNeverTouchedByAPolicy()
    {
        var catalog = _files.LoadClean(Policy(Always + "  - id: kx\n    finding: C-KX\n    severity: info\n    category: coverage\n    when: count(procedure.joints) >= 0\n    message: KX\n    effect:\n      addModifier: { modifier: KX }\n"));

        var result = catalog.Evaluate(Encounter("2022-06-15", null, LumbarRight));

        Assert.Empty(result.Findings);
        Assert.Equal("11111-RT x1", Lines(result));
        Assert.Equal(["demo-coding"], result.RuleSets.Select(r => r.Id));
    }

    [Fact]
    public void TwoProceduresOfOneRegionAreOneSessionAndEachRegionIsItsOwn()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho, handles: $"{Ablation}, {Block}"));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Ablation, Joint("L4-L5", Side.Right), Joint("C5-C6", Side.Left)),
            Procedure(Block, Joint("L3-L4", Side.Left))));

        Assert.Equal(
            ["cervical levels=[\"C5-C6\"] kinds=[\"demo-ablation\"] joints=1", "lumbar levels=[\"L3-L4\", \"L4-L5\"] kinds=[\"demo-ablation\", \"demo-block\"] joints=2"],
            result.Findings.Select(f => f.Message));
        Assert.All(result.Findings, f => Assert.Equal(("demo-policy", "2020-01", "session-echo"), (f.RuleSet, f.Version, f.Rule)));
    }

    [Fact]
    public void ASessionHoldsOnlyTheProceduresThePolicyHandles()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Ablation, Joint("L4-L5", Side.Right)),
            Procedure(Block, Joint("L3-L4", Side.Left), Joint("L5-S1", Side.Left))));

        Assert.Equal("lumbar levels=[\"L4-L5\"] kinds=[\"demo-ablation\"] joints=1", Assert.Single(result.Findings).Message);
    }

    [Fact]
    public void ABilateralLevelCountsOnceInTheSessionLevels()
    {
        var catalog = _files.LoadClean(Policy(SessionEcho));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Ablation, Joint("L4-L5", Side.Bilateral), Joint("L5-S1", Side.Right), Joint("L4-L5", Side.Left))));

        Assert.Equal("lumbar levels=[\"L4-L5\", \"L5-S1\"] kinds=[\"demo-ablation\"] joints=3", Assert.Single(result.Findings).Message);
    }

    [Fact]
    public void ProcedureLinesShowTheCodedLinesOfThatProcedure()
    {
        var catalog = _files.LoadClean(Policy(
            """
            checks:
              - id: lines
                finding: C-LINES
                severity: info
                category: coverage
                when: count(procedure.lines) > 0
                message: "{map(procedure.lines, l => l.code)} {map(procedure.lines, l => l.units)} {map(procedure.lines, l => count(l.modifiers))} {map(procedure.lines, l => l.rule)} {procedure.lines}"

            """));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Ablation, Joint("L3-L4", Side.Right), Joint("L4-L5", Side.Right), Joint("L5-S1", Side.Right)),
            Procedure(Block, Joint("C5-C6", Side.Left))));

        Assert.Equal("11111-RT x1 | 11112-RT x2 | 22221-LT x1", Lines(result));
        Assert.Equal("[\"11111\", \"11112\"] [1, 2] [1, 1] [\"lumbar\", \"lumbar\"] [11111-RT x1, 11112-RT x2]", Assert.Single(result.Findings).Message);
    }

    [Fact]
    public void AddModifierAppendsToTheListedCodesOnly()
    {
        var catalog = _files.LoadClean(Policy(
            """
            checks:
              - id: kx
                finding: C-KX
                severity: info
                category: coverage
                when: encounter.priorAuthorization == "affirmed"
                message: KX appended
                effect:
                  addModifier: { modifier: KX, codes: ["11111"] }

            """));
        var procedure = Procedure(Ablation, Joint("L4-L5", Side.Right), Joint("L5-S1", Side.Right));

        var affirmed = catalog.Evaluate(Encounter("2022-06-15", PayerA, procedure) with { PriorAuthorization = "affirmed" });
        var none = catalog.Evaluate(Encounter("2022-06-15", PayerA, procedure) with { PriorAuthorization = "none" });

        Assert.Equal("11111-RT-KX x1 | 11112-RT x1", Lines(affirmed));
        Assert.Equal("11111-RT x1 | 11112-RT x1", Lines(none));
        Assert.Empty(none.Findings);
    }

    [Fact]
    public void AddModifierWithoutCodesTouchesEveryLineOfTheHandledProcedureAndNoOther()
    {
        var catalog = _files.LoadClean(Policy(
            """
            checks:
              - id: kx
                finding: C-KX
                severity: info
                category: coverage
                when: count(procedure.joints) > 0
                message: KX appended
                effect:
                  addModifier: { modifier: KX }

            """));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Ablation, Joint("L4-L5", Side.Right), Joint("L5-S1", Side.Right)),
            Procedure(Block, Joint("C5-C6", Side.Left))));

        Assert.Equal("11111-RT-KX x1 | 11112-RT-KX x1 | 22221-LT x1", Lines(result));
    }

    [Fact]
    public void AddModifierNeverAppendsTheSameModifierTwice()
    {
        var twice =
            """
            checks:
              - id: kx-first
                finding: C-KX-1
                severity: info
                category: coverage
                when: count(procedure.joints) > 0
                message: KX appended
                effect:
                  addModifier: { modifier: KX }
              - id: kx-again
                finding: C-KX-2
                severity: info
                category: coverage
                when: count(procedure.joints) > 0
                message: KX appended again
                effect:
                  addModifier: { modifier: KX, codes: ["11111"] }
              - id: rt-again
                finding: C-RT
                severity: info
                category: coverage
                when: count(procedure.joints) > 0
                message: RT appended
                effect:
                  addModifier: { modifier: RT }

            """;
        _files.Write("demo-coding/2000-01.yaml", Coding());
        _files.Write("demo-policy/2020-01.yaml", Policy(twice));
        _files.Write("other-policy/2020-01.yaml", Policy(twice, id: "other-policy"));
        var (catalog, diagnostics) = _files.Load();
        Assert.Empty(diagnostics);

        var result = catalog.Evaluate(Encounter("2022-06-15", PayerA, Procedure(Ablation, Joint("L4-L5", Side.Right))));

        Assert.Equal("11111-RT-KX x1", Lines(result));
        Assert.Equal(["C-KX-1", "C-KX-2", "C-RT", "C-KX-1", "C-KX-2", "C-RT"], FindingIds(result));
    }

    [Fact]
    public void RecodeChangesTheCodeAndKeepsModifiersUnitsAndJoints()
    {
        var catalog = _files.LoadClean(Policy(
            """
            checks:
              - id: junction
                finding: C-JUNCTION
                severity: warning
                category: coverage
                when: any(procedure.joints, j => j.level == "L5-S1")
                message: "{procedure.lines} re-coded"
                effect:
                  recode: { from: "11112", to: "99999" }

            """));

        var result = catalog.Evaluate(Encounter(
            "2022-06-15",
            PayerA,
            Procedure(Ablation, Joint("L3-L4", Side.Bilateral), Joint("L4-L5", Side.Bilateral), Joint("L5-S1", Side.Bilateral))));

        Assert.Equal("11111-50 x1 | 99999-50 x2", Lines(result));
        Assert.Equal("L4-L5 L5-S1", string.Join(' ', result.Lines[1].Joints));
        Assert.Equal("lumbar", result.Lines[1].Rule);
        Assert.Equal("[11111-50 x1, 11112-50 x2] re-coded", Assert.Single(result.Findings).Message);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("replace", "\n      replace: { code: \"11111\" }")]
    public void APolicyMayNotStopOrReplace(string effect, string effectText)
    {
        var text = Policy(
            $"""
            codes:
              - {"{"} code: "11111", description: Lumbar first joint {"}"}
            checks:
              - id: deny
                finding: C-DENY
                severity: error
                category: coverage
                when: count(procedure.joints) > 0
                message: denied
                effect: {effectText}

            """);
        var path = _files.Write("demo-policy/2020-01.yaml", text);
        _files.Write("demo-coding/2000-01.yaml", Coding());

        var (catalog, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics);
        Assert.Equal("CR4023", d.Id);
        var (line, column) = Position(text, effect == "stop" ? "stop" : "replace:");
        Assert.Equal((path, line, column), (d.Location.Path, d.Location.Line, d.Location.Column));
        Assert.Contains($"'{effect}'", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(catalog.RuleSets, r => r.Id == "demo-policy");
    }

    [Theory]
    [InlineData("addModifier", "addModifier: { modifier: KX }")]
    [InlineData("recode", "recode: { from: \"11111\", to: \"11112\" }")]
    public void ACodingRuleSetMayNotAddModifiersOrRecode(string effect, string effectText)
    {
        var text = Coding(
            $"""
            checks:
              - id: adjust
                finding: W-ADJUST
                severity: warning
                category: coding
                when: count(procedure.joints) > 1
                message: adjusted
                effect:
                  {effectText}

            """);
        var path = _files.Write("demo-coding/2000-01.yaml", text);

        var (catalog, diagnostics) = _files.Load();

        var d = Assert.Single(diagnostics);
        Assert.Equal("CR4023", d.Id);
        var (line, column) = Position(text, effectText);
        Assert.Equal((path, line, column), (d.Location.Path, d.Location.Line, d.Location.Column));
        Assert.Contains($"'{effect}'", d.Message, StringComparison.Ordinal);
        Assert.Empty(catalog.RuleSets);
    }

    [Fact]
    public void APolicyWithoutPayersOrHandlesIsReportedAtItsRoot()
    {
        var text = Policy(Always)
            .Replace("payers: [payer-a, payer-b]\n", string.Empty, StringComparison.Ordinal)
            .Replace("handles: [demo-ablation]\n", string.Empty, StringComparison.Ordinal);
        var path = _files.Write("demo-policy/2020-01.yaml", text);

        var (_, diagnostics) = _files.Load();

        Assert.Equal(["CR1003", "CR1003"], diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal((path, 1, 1), (d.Location.Path, d.Location.Line, d.Location.Column)));
        Assert.Equal(["handles", "payers"], diagnostics.Select(d => d.Message.Contains("'handles'", StringComparison.Ordinal) ? "handles" : "payers").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AResultNamesThePolicyOnlyWhenItHandledAProcedure()
    {
        var catalog = _files.LoadClean(Policy(Always));
        var policy = Assert.Single(catalog.Versions("demo-policy"));
        var coding = Assert.Single(catalog.Versions("demo-coding"));

        var handled = catalog.Evaluate(Encounter("2022-06-15", PayerA, LumbarRight, Procedure(Block, Joint("L3-L4", Side.Left))));
        var notHandled = catalog.Evaluate(Encounter("2022-06-15", PayerA, Procedure(Block, Joint("L3-L4", Side.Left))));

        Assert.Equal([(coding.Id, coding.Version, coding.Sha256), (policy.Id, policy.Version, policy.Sha256)], handled.RuleSets.Select(r => (r.Id, r.Version, r.Sha256)));
        Assert.Equal([(coding.Id, coding.Version, coding.Sha256)], notHandled.RuleSets.Select(r => (r.Id, r.Version, r.Sha256)));
        Assert.Empty(notHandled.Findings);
    }

    [Fact]
    public void HistoryFactsAreReadableInConditionsAndMessages()
    {
        var catalog = _files.LoadClean(Policy(
            """
            checks:
              - id: prior-block
                finding: C-PRIOR-BLOCK
                severity: info
                category: coverage
                when: >-
                  any(encounter.history, h => h.kind == "demo-block" and h.purpose == "diagnostic"
                  and has(h.reliefPercent) and h.reliefPercent >= 80 and "lumbar" in h.regions
                  and any(h.joints, j => j.level == "L4-L5" and j.side == "right" and j.region == "lumbar"))
                message: >-
                  dates={map(encounter.history, h => h.date)} kinds={map(encounter.history, h => h.kind)}
                  purposes={map(encounter.history, h => h.purpose)} relief={map(encounter.history, h => h.reliefPercent)}
                  months={map(encounter.history, h => h.reliefDurationMonths)}
                  techniques={map(encounter.history, h => h.technique)}
                  joints={map(encounter.history, h => count(h.joints))}
                  lumbar={count(encounter.history, h => "lumbar" in h.regions)}
                  cervical={count(encounter.history, h => "cervical" in h.regions)}

            """));
        var block = new HistoryEntry(D("2022-05-01"), Block, "diagnostic", null, [Joint("L4-L5", Side.Bilateral)], 85, 0.1);
        var cervical = new HistoryEntry(D("2021-03-02"), Ablation, "therapeutic", "radiofrequency", [Joint("C5-C6", Side.Left), Joint("X9-X10", Side.Left)], null, null);

        var fired = catalog.Evaluate(Encounter("2022-06-15", PayerA, LumbarRight) with { History = [block, cervical] });
        var quiet = catalog.Evaluate(Encounter("2022-06-15", PayerA, LumbarRight) with { History = [block with { ReliefPercent = 79 }, cervical] });

        Assert.Equal(
            "dates=[2021-03-02, 2022-05-01] kinds=[\"demo-ablation\", \"demo-block\"] purposes=[\"therapeutic\", \"diagnostic\"] "
            + "relief=[null, 85] months=[null, 0.1] techniques=[\"radiofrequency\", null] joints=[2, 2] lumbar=1 cervical=1",
            Assert.Single(fired.Findings).Message.ReplaceLineEndings(" "));
        Assert.Empty(quiet.Findings);
    }

    [Theory]
    [InlineData(new[] { "2021-09-18", "2022-03-01" }, true)] // the window's first day counts
    [InlineData(new[] { "2021-09-17", "2022-03-01" }, false)] // the day before it does not
    [InlineData(new[] { "2022-03-01", "2022-09-18" }, false)] // the date of service itself does not
    [InlineData(new[] { "2022-03-01", "2022-03-01" }, false)] // two entries on one day are one procedure
    [InlineData(new[] { "2022-03-01", "2022-09-17" }, true)]
    public void TheFrequencyCheckCountsDistinctDaysInTheRollingWindow(string[] dates, bool fires)
    {
        var catalog = _files.LoadClean(Policy(FrequencyAndLevels));
        var history = dates.Select(d => History(d, Ablation, Joint("L3-L4", Side.Left))).ToList();
        history.Add(History("2022-01-10", Ablation, Joint("C5-C6", Side.Left))); // another region never counts
        history.Add(History("2022-01-11", Block, Joint("L4-L5", Side.Left))); // another kind never counts

        var result = catalog.Evaluate(Encounter("2022-09-18", PayerA, LumbarRight) with { History = [.. history] });

        string[] expected = fires ? ["C-FREQUENCY"] : [];
        Assert.Equal(expected, FindingIds(result));
        if (fires)
        {
            Assert.Equal("lumbar: 2 ablations since 2021-09-18", result.Findings[0].Message);
        }
    }

    [Fact]
    public void TheWindowOfALeapDayStartsOnTheTwentyEighthOfFebruary()
    {
        var catalog = _files.LoadClean(Policy(FrequencyAndLevels));
        var encounter = Encounter("2024-02-29", PayerA, LumbarRight) with
        {
            History = [History("2023-02-28", Ablation, Joint("L4-L5", Side.Left)), History("2023-06-01", Ablation, Joint("L5-S1", Side.Right))],
        };

        var result = catalog.Evaluate(encounter);

        Assert.Equal("lumbar: 2 ablations since 2023-02-28", Assert.Single(result.Findings).Message);
    }

    [Fact]
    public void TheLevelsCheckCountsABilateralLevelOnce()
    {
        var catalog = _files.LoadClean(Policy(FrequencyAndLevels));

        var two = catalog.Evaluate(Encounter("2022-09-18", PayerA, Procedure(Ablation, Joint("L3-L4", Side.Bilateral), Joint("L4-L5", Side.Bilateral))));
        var three = catalog.Evaluate(Encounter("2022-09-18", PayerA, Procedure(Ablation, Joint("L3-L4", Side.Left), Joint("L4-L5", Side.Left)), Procedure(Ablation, Joint("L5-S1", Side.Right))));

        Assert.Empty(two.Findings);
        Assert.Equal("3 levels in the lumbar session: [\"L3-L4\", \"L4-L5\", \"L5-S1\"]", Assert.Single(three.Findings, f => f.Id == "C-LEVELS").Message);
    }

    [Fact]
    public void ExplainShowsTheWindowStartAndTheMatchingHistoryEntries()
    {
        var catalog = _files.LoadClean(Policy(FrequencyAndLevels));
        var encounter = Encounter("2024-09-18", PayerA, LumbarRight) with
        {
            History =
            [
                History("2024-01-05", Ablation, Joint("L4-L5", Side.Right)),
                History("2023-09-17", Ablation, Joint("L4-L5", Side.Right)),
                History("2024-06-30", Ablation, Joint("L3-L4", Side.Left)),
            ],
        };
        var trace = new EvaluationTrace();

        var result = catalog.Evaluate(encounter, trace);
        var text = trace.ToString();

        Assert.Equal(["C-FREQUENCY"], FindingIds(result));
        Assert.Contains("policy demo-policy version 2020-01 (payer payer-a, in force 2020-01-01..)", text, StringComparison.Ordinal);
        Assert.Contains("check frequency (lumbar session: L4-L5): FIRED -> C-FREQUENCY", text, StringComparison.Ordinal);
        Assert.Contains("encounter.dateOfService - months(12) = 2023-09-18", text, StringComparison.Ordinal);
        // History is read oldest first, whatever order the caller sent it in.
        Assert.Contains("encounter.history = [demo-ablation on 2023-09-17, demo-ablation on 2024-01-05, demo-ablation on 2024-06-30]", text, StringComparison.Ordinal);
        // The filter of a map is outside the map's predicate, so its value is shown too.
        Assert.Contains("h.date < encounter.dateOfService and session.region in h.regions) = [demo-ablation on 2024-01-05, demo-ablation on 2024-06-30]", text, StringComparison.Ordinal);
        // The entries inside the window (2023-09-17 is the day before it), by date:
        Assert.Contains("session.region in h.regions), h => h.date) = [2024-01-05, 2024-06-30]", text, StringComparison.Ordinal);
    }
}
