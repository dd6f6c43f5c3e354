using System.Collections.Immutable;
using CodingRules.Encounters;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// Resolves documented joints against a rule set's vocabulary: splits bilateral entries into a left and a right
/// joint, looks up each level's region, and marks repeats of the same level and side as duplicates.
/// Linear in the number of joints (hash sets, not pairwise comparison), so an oversized encounter built in code
/// cannot make evaluation quadratic.
/// </summary>
internal static class JointResolver
{
    public static JointFacts[] Resolve(ImmutableArray<JointTarget> targets, RuleSet ruleSet)
    {
        if (targets.IsDefaultOrEmpty)
        {
            return [];
        }

        var count = 0;
        foreach (var t in targets)
        {
            count += t.Side == Side.Bilateral ? 2 : 1;
        }

        var result = new JointFacts[count];
        var sides = count <= SmallCount ? null : new SideSets();
        var n = 0;
        foreach (var t in targets)
        {
            if (t.Side != Side.Right)
            {
                result[n] = Make(t.Level, "left", ruleSet, sides is null ? Seen(result, n, "left", t.Level) : !sides.Left.Add(t.Level));
                n++;
            }

            if (t.Side != Side.Left)
            {
                result[n] = Make(t.Level, "right", ruleSet, sides is null ? Seen(result, n, "right", t.Level) : !sides.Right.Add(t.Level));
                n++;
            }
        }

        // A level is treated on both sides when it is listed on each side.
        for (var i = 0; i < result.Length; i++)
        {
            var j = result[i];
            if (j.Known && !j.Duplicate && OnOtherSide(result, sides, j))
            {
                result[i] = j with { BothSides = true };
            }
        }

        return result;
    }

    /// <summary>Up to this many joints a linear scan beats hashing (and allocates nothing).</summary>
    private const int SmallCount = 16;

    private static bool Seen(JointFacts[] earlier, int count, string side, string level)
    {
        for (var i = 0; i < count; i++)
        {
            if (ReferenceEquals(earlier[i].Side, side) && string.Equals(earlier[i].Level, level, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OnOtherSide(JointFacts[] joints, SideSets? sides, JointFacts joint)
    {
        var other = joint.Side == "left" ? "right" : "left";
        if (sides is not null)
        {
            return (other == "left" ? sides.Left : sides.Right).Contains(joint.Level);
        }

        return Seen(joints, joints.Length, other, joint.Level);
    }

    private static JointFacts Make(string level, string side, RuleSet ruleSet, bool duplicate) =>
        ruleSet.Levels.TryGetValue(level, out var known)
            ? new JointFacts(level, side, known.Region, true, duplicate, known.Order, false)
            : new JointFacts(level, side, null, false, duplicate, -1, false);

    private sealed class SideSets
    {
        public HashSet<string> Left { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Right { get; } = new(StringComparer.Ordinal);
    }
}
