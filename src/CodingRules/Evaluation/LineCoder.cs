using System.Collections.Immutable;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Turns the treated joints of one procedure into claim lines by the rule set's families, ladders and laterality.
/// Each side is counted on its own: its distinct known joints are ordered (levels treated on both sides first,
/// then by vocabulary order) and numbered 1, 2, 3... Each ladder step takes the joints at its positions. Then the
/// units both sides share on a step merge onto one line with the bilateral modifier (one unit per pair); the rest
/// keep their side's modifier. Pure and thread-safe; allocates only the lines it returns and two small lists.
/// </summary>
internal static class LineCoder
{
    private static readonly Comparison<JointFacts> BilateralFirst =
        static (a, b) => a.BothSides != b.BothSides ? (a.BothSides ? -1 : 1) : a.Order.CompareTo(b.Order);

    public static void Code(RuleSet ruleSet, JointFacts[] joints, List<CodedLine> lines)
    {
        List<JointFacts>? left = null, right = null;
        foreach (var family in ruleSet.Families)
        {
            left?.Clear();
            right?.Clear();
            foreach (var j in joints)
            {
                if (j.Known && !j.Duplicate && family.Regions.Contains(j.Region!))
                {
                    (j.Side == "left" ? left ??= new(joints.Length) : right ??= new(joints.Length)).Add(j);
                }
            }

            var leftCount = left?.Count ?? 0;
            var rightCount = right?.Count ?? 0;
            if (leftCount == 0 && rightCount == 0)
            {
                continue;
            }

            left?.Sort(BilateralFirst);
            right?.Sort(BilateralFirst);
            foreach (var step in family.Ladder)
            {
                Emit(ruleSet.Laterality, family, step, Range(step, leftCount), left, Range(step, rightCount), right, lines);
            }
        }
    }

    /// <summary>The 0-based index range [start, end) of a side's joints that fall on the step.</summary>
    private static (int Start, int End) Range(LadderStep step, int count)
    {
        var start = step.From - 1;
        var end = step.To is { } to ? Math.Min(to, count) : count;
        return start < end ? (start, end) : (0, 0);
    }

    private static void Emit(
        Laterality laterality, CodeFamily family, LadderStep step,
        (int Start, int End) leftRange, List<JointFacts>? left, (int Start, int End) rightRange, List<JointFacts>? right,
        List<CodedLine> lines)
    {
        var leftJoints = leftRange.End - leftRange.Start;
        var rightJoints = rightRange.End - rightRange.Start;
        var once = step.Units == UnitMode.Once;
        var leftUnits = once ? Math.Min(leftJoints, 1) : leftJoints;
        var rightUnits = once ? Math.Min(rightJoints, 1) : rightJoints;
        var pairs = laterality.Bilateral is null ? 0 : Math.Min(leftUnits, rightUnits);
        // per-joint: the first `pairs` joints of each side pair up; once: the whole step pairs up.
        var paired = once ? int.MaxValue : pairs;
        if (pairs > 0)
        {
            var levels = new List<string>(Math.Min(paired, rightJoints) + Math.Min(paired, leftJoints));
            AddLevels(levels, right!, rightRange.Start, Math.Min(rightRange.End, rightRange.Start + paired));
            AddLevels(levels, left!, leftRange.Start, Math.Min(leftRange.End, leftRange.Start + paired));
            lines.Add(Line(step.Code, laterality.BilateralModifiers, pairs, levels, family));
        }

        if (rightUnits > pairs)
        {
            var levels = new List<string>(rightJoints);
            AddLevels(levels, right!, pairs > 0 ? rightRange.Start + pairs : rightRange.Start, rightRange.End);
            lines.Add(Line(step.Code, laterality.RightModifiers, rightUnits - pairs, levels, family));
        }

        if (leftUnits > pairs)
        {
            var levels = new List<string>(leftJoints);
            AddLevels(levels, left!, pairs > 0 ? leftRange.Start + pairs : leftRange.Start, leftRange.End);
            lines.Add(Line(step.Code, laterality.LeftModifiers, leftUnits - pairs, levels, family));
        }
    }

    private static void AddLevels(List<string> levels, List<JointFacts> joints, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!levels.Contains(joints[i].Level))
            {
                levels.Add(joints[i].Level);
            }
        }
    }

    private static CodedLine Line(string code, ImmutableArray<string> modifiers, int units, List<string> levels, CodeFamily family) =>
        new(code, modifiers, units, [.. levels], family.Id);
}
