using System.Collections.Immutable;
using CodingRules.Encounters;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// Resolves documented joints against a rule set's vocabulary: splits bilateral entries into a left and a right
/// joint, looks up each level's region, marks repeats of the same level and side as duplicates, and marks levels
/// treated on both sides. Known joints use the facts the vocabulary made at load; only unknown levels allocate.
/// Linear in the number of joints for large lists (hash sets), allocation-free scans for ordinary ones.
/// </summary>
internal static class JointResolver
{
    /// <summary>Up to this many documented joints a linear scan beats hashing (and allocates nothing).</summary>
    private const int SmallCount = 16;

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

        HashSet<string>? left = null, right = null;
        if (targets.Length > SmallCount)
        {
            left = new HashSet<string>(StringComparer.Ordinal);
            right = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in targets)
            {
                if (t.Side != Side.Right)
                {
                    left.Add(t.Level);
                }

                if (t.Side != Side.Left)
                {
                    right.Add(t.Level);
                }
            }
        }

        var result = new JointFacts[count];
        var n = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var t = targets[i];
            if (t.Side != Side.Right)
            {
                result[n++] = Make(targets, i, t, right: false, ruleSet, left, right);
            }

            if (t.Side != Side.Left)
            {
                result[n++] = Make(targets, i, t, right: true, ruleSet, left, right);
            }
        }

        // Duplicates among large lists are found after the fact, in one pass with a set per side.
        if (left is not null)
        {
            MarkLaterDuplicates(result);
        }

        return result;
    }

    private static JointFacts Make(ImmutableArray<JointTarget> targets, int index, JointTarget target, bool right, RuleSet ruleSet, HashSet<string>? leftSet, HashSet<string>? rightSet)
    {
        var duplicate = leftSet is null && ListedBefore(targets, index, target.Level, right);
        if (!ruleSet.Levels.TryGetValue(target.Level, out var level))
        {
            return new JointFacts(target.Level, right ? Side.Right : Side.Left, null, false, duplicate, -1, false);
        }

        var other = leftSet is null
            ? ListedOn(targets, target.Level, !right)
            : (right ? leftSet : rightSet!).Contains(target.Level);
        return level.Facts(right, duplicate, other);
    }

    private static bool ListedBefore(ImmutableArray<JointTarget> targets, int index, string level, bool right)
    {
        for (var i = 0; i < index; i++)
        {
            var t = targets[i];
            if ((right ? t.Side != Side.Left : t.Side != Side.Right) && string.Equals(t.Level, level, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ListedOn(ImmutableArray<JointTarget> targets, string level, bool right)
    {
        foreach (var t in targets)
        {
            if ((right ? t.Side != Side.Left : t.Side != Side.Right) && string.Equals(t.Level, level, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void MarkLaterDuplicates(JointFacts[] joints)
    {
        var seenLeft = new HashSet<string>(StringComparer.Ordinal);
        var seenRight = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < joints.Length; i++)
        {
            var j = joints[i];
            var seen = j.Side == Side.Right ? seenRight : seenLeft;
            if (!seen.Add(j.Level))
            {
                joints[i] = j with { Duplicate = true };
            }
        }
    }
}
