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
        var left = new HashSet<string>(StringComparer.Ordinal);
        var right = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var t in targets)
        {
            if (t.Side != Side.Right)
            {
                result[n++] = Make(t.Level, "left", ruleSet, duplicate: !left.Add(t.Level));
            }

            if (t.Side != Side.Left)
            {
                result[n++] = Make(t.Level, "right", ruleSet, duplicate: !right.Add(t.Level));
            }
        }

        // A level is treated on both sides when it is listed on each side.
        for (var i = 0; i < result.Length; i++)
        {
            var j = result[i];
            if (j.Known && !j.Duplicate && left.Contains(j.Level) && right.Contains(j.Level))
            {
                result[i] = j with { BothSides = true };
            }
        }

        return result;
    }

    private static JointFacts Make(string level, string side, RuleSet ruleSet, bool duplicate) =>
        ruleSet.Levels.TryGetValue(level, out var known)
            ? new JointFacts(level, side, known.Region, true, duplicate, known.Order, false)
            : new JointFacts(level, side, null, false, duplicate, -1, false);
}
