using System.Collections.Immutable;
using CodingRules.Encounters;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// Resolves documented joints against a rule set's vocabulary: splits bilateral entries into a left and a right
/// joint, looks up each level's region, and marks repeats of the same level and side as duplicates.
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
        var n = 0;
        foreach (var t in targets)
        {
            if (t.Side != Side.Right)
            {
                result[n] = Make(t.Level, "left", ruleSet, result, n);
                n++;
            }

            if (t.Side != Side.Left)
            {
                result[n] = Make(t.Level, "right", ruleSet, result, n);
                n++;
            }
        }

        // A level is treated on both sides when a known, first (non-duplicate) joint exists on each.
        for (var i = 0; i < result.Length; i++)
        {
            var j = result[i];
            if (j.Known && !j.Duplicate && HasOtherSide(result, j))
            {
                result[i] = j with { BothSides = true };
            }
        }

        return result;
    }

    private static JointFacts Make(string level, string side, RuleSet ruleSet, JointFacts[] earlier, int count)
    {
        var duplicate = false;
        for (var i = 0; i < count && !duplicate; i++)
        {
            duplicate = earlier[i].Side == side && string.Equals(earlier[i].Level, level, StringComparison.Ordinal);
        }

        return ruleSet.Levels.TryGetValue(level, out var known)
            ? new JointFacts(level, side, known.Region, true, duplicate, known.Order, false)
            : new JointFacts(level, side, null, false, duplicate, -1, false);
    }

    private static bool HasOtherSide(JointFacts[] joints, JointFacts joint)
    {
        foreach (var other in joints)
        {
            if (other.Known && !other.Duplicate && other.Side != joint.Side && string.Equals(other.Level, joint.Level, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
