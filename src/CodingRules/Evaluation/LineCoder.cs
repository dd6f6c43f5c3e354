using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CodingRules.Language.Plan;
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

    // Note: per-thread scratch lists; Code is not re-entrant and clears them before it returns.
    [ThreadStatic]
    private static List<JointFacts>? t_left;

    [ThreadStatic]
    private static List<JointFacts>? t_right;

    public static void Code(RuleSet ruleSet, ProcedureFacts procedure, EvaluationFrame frame, List<CodedLine> lines, EvaluationTrace? trace)
    {
        var left = t_left ??= new(16);
        var right = t_right ??= new(16);
        List<string>? claimed = null;
        foreach (var family in ruleSet.Families)
        {
            if (family.When is { } when && !when.IsTrue(frame))
            {
                trace?.Line($"family {family.Id}: does not apply; when: {when.Text.Trim()}");
                continue;
            }

            left.Clear();
            right.Clear();
            var targets = family.Counts == TargetKind.Nerves ? procedure.NerveTargets : procedure.Joints;
            foreach (var j in targets)
            {
                if (j.Known && !j.Duplicate && family.Regions.Contains(j.Region!) && (claimed is null || !claimed.Contains(j.Region!)))
                {
                    (ReferenceEquals(j.Side, JointFacts.LeftSide) || j.Side == JointFacts.LeftSide ? left : right).Add(j);
                }
            }

            if (family.When is not null)
            {
                // A conditional family that applies takes its regions from the families after it.
                (claimed ??= []).AddRange(family.Regions);
            }

            if (left.Count == 0 && right.Count == 0)
            {
                continue;
            }

            left.Sort(BilateralFirst);
            right.Sort(BilateralFirst);
            foreach (var step in family.Ladder)
            {
                Emit(ruleSet.Laterality, family, step, Range(step, left.Count), left, Range(step, right.Count), right, lines);
            }
        }

        left.Clear();
        right.Clear();
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
            var levels = Levels(right, rightRange.Start, Math.Min(rightRange.End, rightRange.Start + paired), left, leftRange.Start, Math.Min(leftRange.End, leftRange.Start + paired));
            lines.Add(new CodedLine(step.Code, laterality.BilateralModifiers, pairs, levels, family.Id));
        }

        if (rightUnits > pairs)
        {
            var levels = Levels(right, pairs > 0 ? rightRange.Start + pairs : rightRange.Start, rightRange.End, null, 0, 0);
            lines.Add(new CodedLine(step.Code, laterality.RightModifiers, rightUnits - pairs, levels, family.Id));
        }

        if (leftUnits > pairs)
        {
            var levels = Levels(left, pairs > 0 ? leftRange.Start + pairs : leftRange.Start, leftRange.End, null, 0, 0);
            lines.Add(new CodedLine(step.Code, laterality.LeftModifiers, leftUnits - pairs, levels, family.Id));
        }
    }

    [ThreadStatic]
    private static string[]? t_scratch;

    /// <summary>The distinct levels of a[aStart..aEnd) then b[bStart..bEnd), in that order, in one exact-size array.</summary>
    private static ImmutableArray<string> Levels(List<JointFacts>? a, int aStart, int aEnd, List<JointFacts>? b, int bStart, int bEnd)
    {
        var total = Math.Max(aEnd - aStart, 0) + Math.Max(bEnd - bStart, 0);
        if (total == 0)
        {
            return [];
        }

        var scratch = total <= 64 ? (t_scratch ??= new string[64]) : new string[total];
        var n = 0;
        for (var i = aStart; i < aEnd; i++)
        {
            AddDistinct(scratch, ref n, a![i].Level);
        }

        for (var i = bStart; i < bEnd; i++)
        {
            AddDistinct(scratch, ref n, b![i].Level);
        }

        var result = scratch.AsSpan(0, n).ToArray();
        Array.Clear(scratch, 0, n);
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static void AddDistinct(string[] buffer, ref int n, string level)
    {
        for (var k = 0; k < n; k++)
        {
            if (string.Equals(buffer[k], level, StringComparison.Ordinal))
            {
                return;
            }
        }

        buffer[n++] = level;
    }
}
