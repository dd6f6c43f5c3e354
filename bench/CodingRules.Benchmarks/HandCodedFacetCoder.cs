using CodingRules.Encounters;

namespace CodingRules.Benchmarks;

/// <summary>
/// The baseline: what rules/cpt-facet-joint-destruction/2012-01.yaml decides, written by hand in C# with the codes,
/// levels and modifiers hard-coded. It derives the same lines (code, modifier, units) and finding ids as the engine
/// (EvaluateBenchmarks checks this on every synthetic encounter) but formats no messages, lists no levels per line
/// and keeps no provenance. Hard-coded codes belong here only, never in src (STYLE.md, architecture rule 1).
/// </summary>
internal static class HandCodedFacetCoder
{
    private const int Unknown = -1;
    private const int CervicalThoracic = 0;
    private const int LumbarSacral = 1;

    private static readonly DateOnly EffectiveFrom = new(2012, 1, 1);

    public static HandCodedResult Code(Encounter encounter)
    {
        var lines = new List<HandCodedLine>(4);
        var findings = new List<string>();
        foreach (var procedure in encounter.Procedures)
        {
            if (procedure.Kind != SyntheticEncounters.ProcedureKind || encounter.DateOfService < EffectiveFrom)
            {
                findings.Add("E-NO-RULE-SET");
                continue;
            }

            CodeProcedure(procedure, lines, findings);
        }

        return new HandCodedResult(encounter.Id, lines, findings);
    }

    private static void CodeProcedure(Procedure procedure, List<HandCodedLine> lines, List<string> findings)
    {
        if (procedure.Joints.IsDefaultOrEmpty)
        {
            findings.Add("E-NO-JOINTS");
            return;
        }

        // One bit per level (vocabulary order) for each family and side: [family * 2 + side], side 0 left, 1 right.
        // A bit already set is a duplicate; the units of a family and side are the bits set.
        Span<uint> treated = stackalloc uint[4];
        int invalid = 0, duplicates = 0;
        foreach (var joint in procedure.Joints)
        {
            var (family, bit) = Lookup(joint.Level);
            if (family == Unknown)
            {
                invalid += joint.Side == Side.Bilateral ? 2 : 1;
                continue;
            }

            if (joint.Side != Side.Right)
            {
                duplicates += Mark(ref treated[family * 2], bit);
            }

            if (joint.Side != Side.Left)
            {
                duplicates += Mark(ref treated[(family * 2) + 1], bit);
            }
        }

        for (var i = 0; i < invalid; i++)
        {
            findings.Add("E-INVALID-JOINT");
        }

        for (var i = 0; i < duplicates; i++)
        {
            findings.Add("W-DUPLICATE");
        }

        var guided = procedure.Imaging is "fluoroscopy" or "ct";
        var thermal = procedure.Technique == "radiofrequency" && !(procedure.TemperatureCelsius < 80);
        if (!guided)
        {
            findings.Add("E-NO-IMAGING");
        }

        if (!thermal)
        {
            findings.Add("E-NONTHERMAL");
        }

        if (!guided || !thermal)
        {
            lines.Add(new HandCodedLine("64999", null, 1));
            return;
        }

        AddFamily(lines, "64633", "64634", treated[0], treated[1]);
        AddFamily(lines, "64635", "64636", treated[2], treated[3]);
    }

    private static int Mark(ref uint treated, int bit)
    {
        var mask = 1u << bit;
        var duplicate = (treated & mask) != 0;
        treated |= mask;
        return duplicate ? 1 : 0;
    }

    // A level treated on both sides is one counted level with modifier 50; other joints count with their side.
    // Position 1 (bilateral levels first, then vocabulary order) takes the primary, the rest the add-on.
    private static void AddFamily(List<HandCodedLine> lines, string primary, string addOn, uint left, uint right)
    {
        var both = left & right;
        var rightOnly = right & ~left;
        var leftOnly = left & ~right;
        if ((left | right) == 0)
        {
            return;
        }

        if (both != 0)
        {
            lines.Add(new HandCodedLine(primary, "50", 1));
            both &= both - 1; // the lowest bilateral level took the primary
        }
        else
        {
            var first = (rightOnly | leftOnly) & (~(rightOnly | leftOnly) + 1); // lowest bit
            lines.Add(new HandCodedLine(primary, (rightOnly & first) != 0 ? "RT" : "LT", 1));
            rightOnly &= ~first;
            leftOnly &= ~first;
        }

        Add(lines, addOn, "50", both);
        Add(lines, addOn, "RT", rightOnly);
        Add(lines, addOn, "LT", leftOnly);
    }

    private static void Add(List<HandCodedLine> lines, string code, string modifier, uint levels)
    {
        var units = System.Numerics.BitOperations.PopCount(levels);
        if (units > 0)
        {
            lines.Add(new HandCodedLine(code, modifier, units));
        }
    }

    private static (int Family, int Bit) Lookup(string level) => level switch
    {
        "C2-C3" => (CervicalThoracic, 0),
        "C3-C4" => (CervicalThoracic, 1),
        "C4-C5" => (CervicalThoracic, 2),
        "C5-C6" => (CervicalThoracic, 3),
        "C6-C7" => (CervicalThoracic, 4),
        "C7-T1" => (CervicalThoracic, 5),
        "T1-T2" => (CervicalThoracic, 6),
        "T2-T3" => (CervicalThoracic, 7),
        "T3-T4" => (CervicalThoracic, 8),
        "T4-T5" => (CervicalThoracic, 9),
        "T5-T6" => (CervicalThoracic, 10),
        "T6-T7" => (CervicalThoracic, 11),
        "T7-T8" => (CervicalThoracic, 12),
        "T8-T9" => (CervicalThoracic, 13),
        "T9-T10" => (CervicalThoracic, 14),
        "T10-T11" => (CervicalThoracic, 15),
        "T11-T12" => (CervicalThoracic, 16),
        "T12-L1" => (CervicalThoracic, 17),
        "L1-L2" => (LumbarSacral, 0),
        "L2-L3" => (LumbarSacral, 1),
        "L3-L4" => (LumbarSacral, 2),
        "L4-L5" => (LumbarSacral, 3),
        "L5-S1" => (LumbarSacral, 4),
        _ => (Unknown, 0),
    };
}
