using System.Text;
using CodingRules.Encounters;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// Builds the facts of one procedure for one rule set: its joints (documented, completed by documented nerves, or
/// the whole joint of a side-only procedure), its nerves, and the nerve targets that nerve-counting families count.
/// A joint is completed by nerves when every nerve that supplies it (vocabulary) was lesioned on that side.
/// </summary>
internal static class ProcedureResolver
{
    public static ProcedureFacts Resolve(Procedure procedure, RuleSet ruleSet)
    {
        var targets = procedure.Joints.IsDefault ? [] : procedure.Joints;
        var documentedNerves = procedure.Nerves.IsDefault ? [] : procedure.Nerves;
        // A whole-joint procedure (one joint per side) documents a side; nerves it names do not replace the side.
        if (targets.IsEmpty && ruleSet.WholeJointLevel is { } whole && procedure.Side is { } side)
        {
            targets = [new JointTarget(whole, side)];
        }

        if (documentedNerves.IsEmpty)
        {
            var joints = JointResolver.Resolve(targets, ruleSet);
            return new ProcedureFacts(procedure, joints) { NerveTargets = NeedsNerves(ruleSet) ? SupplyOf(joints, ruleSet) : [] };
        }

        var left = new HashSet<string>(StringComparer.Ordinal);
        var right = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in documentedNerves)
        {
            if (n.Side != Side.Right)
            {
                left.Add(n.Nerve);
            }

            if (n.Side != Side.Left)
            {
                right.Add(n.Nerve);
            }
        }

        // Joints completed by the nerves of a side, in vocabulary order; joints also documented are not added twice.
        var derived = new List<JointTarget>();
        var used = new HashSet<(string Nerve, bool Right)>();
        var mapping = new StringBuilder();
        foreach (var level in ruleSet.SuppliedLevels)
        {
            foreach (var isRight in new[] { false, true })
            {
                var lesioned = isRight ? right : left;
                if (!level.Supply.All(lesioned.Contains))
                {
                    continue;
                }

                foreach (var nerve in level.Supply)
                {
                    used.Add((nerve, isRight));
                }

                var thisSide = isRight ? Side.Right : Side.Left;
                mapping.Append(mapping.Length == 0 ? string.Empty : "; ")
                    .Append(string.Join(" + ", level.Supply.Select(n => $"{thisSide.Name()} {n}")))
                    .Append(" -> ").Append(thisSide.Name()).Append(' ').Append(level.Id);
                if (!targets.Any(t => t.Level == level.Id && (t.Side == Side.Bilateral || (t.Side == Side.Right) == isRight)))
                {
                    derived.Add(new JointTarget(level.Id, isRight ? Side.Right : Side.Left));
                }
            }
        }

        var allJoints = JointResolver.Resolve([.. targets, .. derived], ruleSet);
        var nerves = new List<NerveFacts>();
        foreach (var n in documentedNerves)
        {
            foreach (var isRight in new[] { false, true })
            {
                if ((isRight && n.Side == Side.Left) || (!isRight && n.Side == Side.Right))
                {
                    continue;
                }

                var known = ruleSet.Nerves.TryGetValue(n.Nerve, out var definition);
                var thisSide = isRight ? Side.Right : Side.Left;
                if (!nerves.Any(x => x.Name == n.Nerve && x.Side == thisSide))
                {
                    nerves.Add(new NerveFacts(n.Nerve, thisSide, definition?.Region, known, used.Contains((n.Nerve, isRight))));
                }
            }
        }

        return new ProcedureFacts(procedure, allJoints)
        {
            Nerves = [.. nerves],
            NerveTargets = NeedsNerves(ruleSet) ? DocumentedNerveTargets(nerves, ruleSet) : [],
            NerveMapping = mapping.Length == 0 ? "no joint is completed by the nerves documented" : mapping.ToString(),
        };
    }

    private static bool NeedsNerves(RuleSet ruleSet) => ruleSet.CountsNerves;

    /// <summary>Nerves supplying the documented (known, first) joints, distinct per side.</summary>
    private static JointFacts[] SupplyOf(JointFacts[] joints, RuleSet ruleSet)
    {
        var targets = new List<(string Nerve, bool Right)>();
        foreach (var j in joints)
        {
            if (j.Known && !j.Duplicate && ruleSet.Levels.TryGetValue(j.Level, out var level))
            {
                foreach (var nerve in level.Supply)
                {
                    var key = (nerve, j.Side == Side.Right);
                    if (!targets.Contains(key))
                    {
                        targets.Add(key);
                    }
                }
            }
        }

        return AsTargets(targets, ruleSet);
    }

    private static JointFacts[] DocumentedNerveTargets(List<NerveFacts> nerves, RuleSet ruleSet) =>
        AsTargets([.. nerves.Where(n => n.Known).Select(n => (n.Name, n.Side == Side.Right))], ruleSet);

    private static JointFacts[] AsTargets(List<(string Nerve, bool Right)> targets, RuleSet ruleSet)
    {
        var result = new JointFacts[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var (nerve, right) = targets[i];
            var bothSides = targets.Contains((nerve, !right));
            result[i] = ruleSet.Nerves.TryGetValue(nerve, out var definition)
                ? definition.Facts(right, false, bothSides)
                : new JointFacts(nerve, right ? Side.Right : Side.Left, null, false, false, -1, false);
        }

        return result;
    }
}
