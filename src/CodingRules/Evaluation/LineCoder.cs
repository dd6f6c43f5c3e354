using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CodingRules.Encounters;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Turns the treated targets (joints, or nerves for nerve-counting families) of one procedure into claim lines by
/// the rule set's families, ladders and laterality.
/// <para>
/// With a bilateral modifier (e.g. Medicare's 50): a level treated on both sides is one counted level, carrying the
/// bilateral modifier; every other target counts on its own with its side's modifier. The counted levels are
/// numbered 1, 2, 3... (levels treated on both sides first, then by vocabulary order) and each ladder step takes the
/// positions it names: per joint, one unit per position, grouped into one line per modifier; once, one unit in
/// total, carrying the bilateral modifier when both sides reach the step. So three bilateral lumbar levels give the
/// primary with 50 x1 and the add-on with 50 x2, and right L3-L4 plus left L5-S1 give the primary RT and the
/// add-on LT.
/// </para>
/// <para>Without a bilateral modifier each side is counted on its own ladder.</para>
/// Pure and thread-safe; allocates only the lines it returns.
/// </summary>
internal static class LineCoder
{
    private static readonly Comparison<Counted> CountingOrder =
        static (a, b) => a.Side == b.Side || (a.Side != Both && b.Side != Both)
            ? a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Side.CompareTo(b.Side)
            : a.Side == Both ? -1 : 1;

    private const int Right = 0;
    private const int Left = 1;
    private const int Both = -1;

    // Note: per-thread scratch lists; Code is not re-entrant and clears them before it returns.
    [ThreadStatic]
    private static List<JointFacts>? t_left;

    [ThreadStatic]
    private static List<JointFacts>? t_right;

    [ThreadStatic]
    private static List<Counted>? t_counted;

    [ThreadStatic]
    private static string[]? t_scratch;

    /// <summary>Codes the procedure's targets; joints in <paramref name="excluded"/> (an exclude check fired for them) are not counted.</summary>
    public static void Code(RuleSet ruleSet, ProcedureFacts procedure, EvaluationFrame frame, List<CodedLine> lines, EvaluationTrace? trace, List<JointFacts>? excluded = null, CoverageRecorder? coverage = null) =>
        Code(ruleSet, procedure, frame, lines, trace, excluded, null, 0, coverage);

    /// <summary>
    /// Codes only <paramref name="family"/>'s targets, its first <paramref name="after"/> ladder positions taken (a
    /// policy's recount); the families before it still claim their regions as in coding.
    /// </summary>
    public static void Recount(RuleSet ruleSet, ProcedureFacts procedure, EvaluationFrame frame, List<CodedLine> lines, EvaluationTrace? trace, string family, int after, CoverageRecorder? coverage = null) =>
        Code(ruleSet, procedure, frame, lines, trace, procedure.Excluded, family, after, coverage);

    private static void Code(RuleSet ruleSet, ProcedureFacts procedure, EvaluationFrame frame, List<CodedLine> lines, EvaluationTrace? trace, List<JointFacts>? excluded, string? only, int after, CoverageRecorder? coverage)
    {
        var left = t_left ??= new(16);
        var right = t_right ??= new(16);
        List<string>? claimed = null;
        foreach (var family in ruleSet.Families)
        {
            if (family.When is { } when && !when.IsTrue(frame))
            {
                trace?.Step("family", $"family {family.Id}: does not apply; when: {when.Text.Trim()}", ("id", family.Id), ("applies", false), ("when", when.Text.Trim()));
                continue;
            }

            left.Clear();
            right.Clear();
            var targets = family.Counts == TargetKind.Nerves ? procedure.NerveTargets : procedure.Joints;
            foreach (var j in targets)
            {
                if (j.Known && !j.Duplicate && family.Regions.Contains(j.Region!) && (claimed is null || !claimed.Contains(j.Region!))
                    && (excluded is null || !Excluded(excluded, j)))
                {
                    (j.Side == Side.Left ? left : right).Add(j);
                }
            }

            if (family.When is not null)
            {
                // A conditional family that applies takes its regions from the families after it.
                (claimed ??= []).AddRange(family.Regions);
            }

            if ((left.Count > 0 || right.Count > 0) && (only is null || family.Id == only))
            {
                if (ruleSet.Laterality.Bilateral is null)
                {
                    CodeSide(ruleSet.Laterality.RightModifiers, family, right, lines, after, coverage);
                    CodeSide(ruleSet.Laterality.LeftModifiers, family, left, lines, after, coverage);
                }
                else
                {
                    var apart = ruleSet.SeparateSidesWhen is { } separate && separate.IsTrue(frame);
                    CodeMerged(ruleSet.Laterality, family, left, right, lines, after, apart, coverage);
                }
            }
        }

        left.Clear();
        right.Clear();
    }

    /// <summary>
    /// Whether <paramref name="target"/> is an excluded joint (same level and side). Nerve targets never match: an
    /// exclude check names joints, and families that count nerves count what was lesioned.
    /// </summary>
    private static bool Excluded(List<JointFacts> excluded, JointFacts target)
    {
        foreach (var x in excluded)
        {
            if (ReferenceEquals(x, target) || (x.Level == target.Level && x.Side == target.Side))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One counted position: a level on both sides, or a target on one side.</summary>
    private readonly record struct Counted(string Level, int Side, int Order);

    private static void CodeMerged(Laterality laterality, CodeFamily family, List<JointFacts> left, List<JointFacts> right, List<CodedLine> lines, int after, bool apart, CoverageRecorder? coverage)
    {
        var counted = t_counted ??= new(16);
        counted.Clear();
        foreach (var r in right)
        {
            counted.Add(new Counted(r.Level, r.BothSides && Contains(left, r.Level) ? Both : Right, r.Order));
        }

        foreach (var l in left)
        {
            if (!(l.BothSides && Contains(right, l.Level)))
            {
                counted.Add(new Counted(l.Level, Left, l.Order));
            }
        }

        counted.Sort(CountingOrder);
        foreach (var step in family.Ladder)
        {
            var (start, end) = Range(step, counted.Count, after);
            if (start >= end)
            {
                continue;
            }

            if (step.Units == UnitMode.Once)
            {
                var sides = 0;
                for (var i = start; i < end; i++)
                {
                    sides |= counted[i].Side switch { Both => 3, Right => 1, _ => 2 };
                }

                if (apart && sides == 3)
                {
                    // Both sides reported apart: a right and a left line, one unit each.
                    lines.Add(new CodedLine(step.Code, laterality.RightModifiers, 1, Levels(counted, start, end, Right, Both), family.Id));
                    coverage?.Coded(step);
                    lines.Add(new CodedLine(step.Code, laterality.LeftModifiers, 1, Levels(counted, start, end, Left, Both), family.Id));
                    coverage?.Coded(step);
                    continue;
                }

                var modifiers = sides switch { 3 => laterality.BilateralModifiers, 1 => laterality.RightModifiers, _ => laterality.LeftModifiers };
                lines.Add(new CodedLine(step.Code, modifiers, 1, Levels(counted, start, end, null), family.Id));
                coverage?.Coded(step);
                continue;
            }

            foreach (var side in apart ? (ReadOnlySpan<int>)[Right, Left] : [Both, Right, Left])
            {
                var units = 0;
                for (var i = start; i < end; i++)
                {
                    // Apart, a level treated on both sides counts once on each side's line.
                    units += counted[i].Side == side || (apart && counted[i].Side == Both) ? 1 : 0;
                }

                if (units > 0)
                {
                    var modifiers = side switch { Both => laterality.BilateralModifiers, Right => laterality.RightModifiers, _ => laterality.LeftModifiers };
                    lines.Add(new CodedLine(step.Code, modifiers, units, Levels(counted, start, end, side, apart ? Both : null), family.Id));
                    coverage?.Coded(step);
                }
            }
        }

        counted.Clear();
    }

    private static void CodeSide(ImmutableArray<string> modifiers, CodeFamily family, List<JointFacts> side, List<CodedLine> lines, int after, CoverageRecorder? coverage)
    {
        if (side.Count == 0)
        {
            return;
        }

        side.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        var counted = t_counted ??= new(16);
        counted.Clear();
        foreach (var j in side)
        {
            counted.Add(new Counted(j.Level, Right, j.Order));
        }

        foreach (var step in family.Ladder)
        {
            var (start, end) = Range(step, counted.Count, after);
            if (start < end)
            {
                var units = step.Units == UnitMode.Once ? 1 : end - start;
                lines.Add(new CodedLine(step.Code, modifiers, units, Levels(counted, start, end, null), family.Id));
                coverage?.Coded(step);
            }
        }

        counted.Clear();
    }

    private static bool Contains(List<JointFacts> joints, string level)
    {
        foreach (var j in joints)
        {
            if (string.Equals(j.Level, level, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The 0-based index range [start, end) of the counted targets whose ladder positions fall on the step; target i
    /// is at position i + 1 + <paramref name="after"/> (the positions before it taken by a recount).
    /// </summary>
    private static (int Start, int End) Range(LadderStep step, int count, int after)
    {
        var start = Math.Max(0, step.From - 1 - after);
        var end = step.To is { } to ? Math.Min(to - after, count) : count;
        return start < end ? (start, end) : (0, 0);
    }

    /// <summary>The distinct levels of positions [start, end) (of one side kind, or either of two, when given), in one exact-size array.</summary>
    private static ImmutableArray<string> Levels(List<Counted> counted, int start, int end, int? side, int? orSide = null)
    {
        var scratch = end - start <= 64 ? (t_scratch ??= new string[64]) : new string[end - start];
        var n = 0;
        for (var i = start; i < end; i++)
        {
            if (side is null || counted[i].Side == side || counted[i].Side == orSide)
            {
                AddDistinct(scratch, ref n, counted[i].Level);
            }
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
