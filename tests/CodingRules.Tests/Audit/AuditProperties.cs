using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Encounters;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Audit;

/// <summary>Claim audits against the shipped audit rule sets: a claim billed exactly as derived is clean.</summary>
public sealed class AuditProperties
{
    private static readonly Lazy<RuleCatalog> Shipped = new(() => RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false).Catalog);

    private static readonly string[] LumbarLevels = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"];

    private static readonly string[] AuditRuleSets = ["claim-audit-facet", "ncci-mue-practitioner"];

    private static Arbitrary<Encounter> Encounters() =>
        (from joints in Gen.NonEmptyListOf(
                from level in Gen.Elements(LumbarLevels)
                from side in Gen.Elements(Side.Left, Side.Right, Side.Bilateral)
                select new JointTarget(level, side))
         from days in Gen.Choose(0, 700)
         from kind in Gen.Elements("facet-joint-destruction", "facet-joint-injection")
         select new Encounter(
             "E-AUDIT",
             new DateOnly(2026, 10, 1).AddDays(days),
             null,
             "11",
             ["M47.816"],
             [new Procedure(kind, kind == "facet-joint-destruction" ? "radiofrequency" : null, null, "fluoroscopy", null, null, [.. joints.Take(6)])],
             [])).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property BillingExactlyTheDerivedLinesGivesNoClaimAuditFinding() =>
        Prop.ForAll(Encounters(), encounter =>
        {
            var derived = Shipped.Value.Evaluate(encounter);
            var billed = encounter with { Billed = [.. derived.Lines.Select(l => new BilledLine(l.Code, l.Modifiers, l.Units))] };
            var audited = Shipped.Value.Evaluate(billed);
            var auditFindings = audited.Findings.Where(f => AuditRuleSets.Contains(f.RuleSet)).Select(f => f.Id).ToList();
            var audited2 = audited.RuleSets.Select(r => r.Id).ToList();
            return (auditFindings.Count == 0 && audited.Lines.Select(Show).SequenceEqual(derived.Lines.Select(Show)) && AuditRuleSets.All(audited2.Contains))
                .Label($"audit findings [{string.Join(", ", auditFindings)}]; rule sets [{string.Join(", ", audited2)}]; lines {string.Join("; ", derived.Lines)}");
        });

    private static string Show(Results.CodedLine line) => $"{line} [{string.Join(", ", line.Joints)}] {line.Rule}";

    [Fact]
    public void UnitsForLateralityInsteadOfModifierFiftyAreCaughtOnTheBilledLine()
    {
        var encounter = new Encounter(
            "E-MUE", new DateOnly(2026, 11, 2), null, "11", ["M47.816"],
            [new Procedure("facet-joint-destruction", "radiofrequency", 80, "fluoroscopy", null, null, [new JointTarget("L4-L5", Side.Bilateral)])],
            [new BilledLine("64635", [], 2)]);

        var result = Shipped.Value.Evaluate(encounter);

        var mue = Assert.Single(result.Findings, f => f.Id == "E-UNITS-MUE");
        Assert.Equal(0, mue.BilledLine);
        Assert.Contains(result.Findings, f => f.Id == "E-EXTRA-LINE" && f.BilledLine == 0);
        Assert.Contains(result.Findings, f => f.Id == "E-MISSING-LINE" && f.BilledLine is null);
        var line = Assert.Single(result.Lines);
        Assert.Equal(["50"], line.Modifiers.ToArray());
        Assert.Single(result.Billed);
    }
}
