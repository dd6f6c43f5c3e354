using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Turns the treated joints of one procedure into claim lines by the rule set's families, ladders and laterality.
/// Each side is counted on its own: its distinct known joints are ordered (levels treated on both sides first,
/// then by vocabulary order) and numbered 1, 2, 3... Each ladder step takes the joints at its positions. Then the
/// units both sides share on a step merge onto one line with the bilateral modifier (one unit per pair); the rest
/// keep their side's modifier. Pure and thread-safe.
/// </summary>
internal static class LineCoder
{
    public static void Code(RuleSet ruleSet, JointFacts[] joints, List<CodedLine> lines)
    {
        foreach (var family in ruleSet.Families)
        {
            var left = SideJoints(joints, family, "left");
            var right = SideJoints(joints, family, "right");
            if (left.Count == 0 && right.Count == 0)
            {
                continue;
            }

            foreach (var step in family.Ladder)
            {
                var l = Take(left, step);
                var r = Take(right, step);
                Emit(ruleSet.Laterality, family, step, l, r, lines);
            }
        }
    }

    private static List<JointFacts> SideJoints(JointFacts[] joints, CodeFamily family, string side)
    {
        var result = new List<JointFacts>(joints.Length);
        foreach (var j in joints)
        {
            if (j.Known && !j.Duplicate && j.Side == side && family.Regions.Contains(j.Region!))
            {
                result.Add(j);
            }
        }

        // Bilateral levels first so that the lines for both sides line up level by level, then vocabulary order.
        result.Sort(static (a, b) => a.BothSides != b.BothSides ? (a.BothSides ? -1 : 1) : a.Order.CompareTo(b.Order));
        return result;
    }

    private static List<JointFacts> Take(List<JointFacts> side, LadderStep step)
    {
        var taken = new List<JointFacts>();
        for (var i = 0; i < side.Count; i++)
        {
            if (step.Covers(i + 1))
            {
                taken.Add(side[i]);
            }
        }

        return taken;
    }

    private static void Emit(Laterality laterality, CodeFamily family, LadderStep step, List<JointFacts> left, List<JointFacts> right, List<CodedLine> lines)
    {
        int Units(List<JointFacts> js) => step.Units == UnitMode.Once ? (js.Count > 0 ? 1 : 0) : js.Count;
        var leftUnits = Units(left);
        var rightUnits = Units(right);
        var pairs = laterality.Bilateral is null ? 0 : Math.Min(leftUnits, rightUnits);
        if (pairs > 0)
        {
            // per-joint: the first `pairs` joints of each side; once: every joint of both sides
            var pairedCount = step.Units == UnitMode.Once ? int.MaxValue : pairs;
            var levels = Levels(right, 0, pairedCount).Union(Levels(left, 0, pairedCount)).ToList();
            lines.Add(Line(step.Code, laterality.Bilateral, pairs, levels, family));
        }

        var consumed = step.Units == UnitMode.Once ? int.MaxValue : pairs;
        if (rightUnits - pairs > 0)
        {
            lines.Add(Line(step.Code, laterality.Right, rightUnits - pairs, [.. Levels(right, consumed, int.MaxValue)], family));
        }

        if (leftUnits - pairs > 0)
        {
            lines.Add(Line(step.Code, laterality.Left, leftUnits - pairs, [.. Levels(left, consumed, int.MaxValue)], family));
        }
    }

    private static IEnumerable<string> Levels(List<JointFacts> joints, int skip, int take)
    {
        for (var i = skip; i < joints.Count && i - skip < take; i++)
        {
            yield return joints[i].Level;
        }
    }

    private static CodedLine Line(string code, string? modifier, int units, List<string> levels, CodeFamily family) =>
        new(code, modifier is null ? [] : [modifier], units, [.. levels], family.Id);
}
