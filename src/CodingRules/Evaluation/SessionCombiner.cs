using System.Collections.Immutable;
using CodingRules.Encounters;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// The sessions of an encounter: each procedure entry is a session of its own, except where the coding rule set
/// chosen for an entry combines entries (<see cref="RuleSet.CombineEntries"/>): then the entries coded by that rule
/// set that differ only in their targets (joints, nerves, side) are one session, whose targets are theirs in entry
/// order. A whole-joint entry (a side and no joints) contributes the rule set's whole-joint level on its side, so two
/// one-sided entries of a whole joint make one session treated on both sides.
/// <para>
/// Bounded: a session holds at most <see cref="EncounterContract.MaxJoints"/> joint targets and
/// <see cref="EncounterContract.MaxNerves"/> nerve targets, as one entry may (the fact types promise it to the cost
/// estimate); an entry that would take it past either starts a session of its own.
/// </para>
/// </summary>
internal static class SessionCombiner
{
    /// <summary>
    /// Combines <paramref name="entries"/>; <paramref name="chosen"/> is the coding rule set of each entry (null when
    /// none). Returns the entries themselves, with no allocation, when nothing combines.
    /// </summary>
    public static Sessions Combine(ImmutableArray<Procedure> entries, RuleSet?[] chosen)
    {
        if (entries.Length < 2 || !Array.Exists(chosen, r => r is { CombineEntries: true }))
        {
            return new Sessions(entries, chosen, null);
        }

        var procedures = new List<Procedure>(entries.Length);
        var rules = new List<RuleSet?>(entries.Length);
        var members = new List<List<int>>(entries.Length);
        for (var e = 0; e < entries.Length; e++)
        {
            var entry = entries[e];
            var ruleSet = chosen[e];
            var into = ruleSet is { CombineEntries: true } ? FindSession(procedures, rules, entry, ruleSet) : -1;
            if (into < 0)
            {
                procedures.Add(ruleSet is { CombineEntries: true } ? WithTargets(entry, ruleSet) : entry);
                rules.Add(ruleSet);
                members.Add([e]);
                continue;
            }

            procedures[into] = Merge(procedures[into], WithTargets(entry, ruleSet!));
            members[into].Add(e);
        }

        return procedures.Count == entries.Length
            ? new Sessions(entries, chosen, null)
            : new Sessions([.. procedures], [.. rules], [.. members.Select(m => m.ToArray())]);
    }

    /// <summary>The earlier session this entry joins: same rule set, same attributes but targets, room left; -1 if none.</summary>
    private static int FindSession(List<Procedure> sessions, List<RuleSet?> rules, Procedure entry, RuleSet ruleSet)
    {
        var key = WithoutTargets(entry);
        var joints = Count(entry.Joints) + (entry.Joints.IsDefaultOrEmpty && ruleSet.WholeJointLevel is not null ? 1 : 0);
        var nerves = Count(entry.Nerves);
        for (var s = 0; s < sessions.Count; s++)
        {
            if (ReferenceEquals(rules[s], ruleSet)
                && WithoutTargets(sessions[s]) == key
                && Count(sessions[s].Joints) + joints <= EncounterContract.MaxJoints
                && Count(sessions[s].Nerves) + nerves <= EncounterContract.MaxNerves)
            {
                return s;
            }
        }

        return -1;
    }

    private static Procedure WithoutTargets(Procedure p) => p with { Side = null, Joints = default, Nerves = default };

    private static int Count<T>(ImmutableArray<T> items) => items.IsDefault ? 0 : items.Length;

    /// <summary>The entry with its whole-joint side written out as a joint target, so that sessions can add targets up.</summary>
    private static Procedure WithTargets(Procedure entry, RuleSet ruleSet) =>
        entry.Joints.IsDefaultOrEmpty && ruleSet.WholeJointLevel is { } whole && entry.Side is { } side
            ? entry with { Joints = [new JointTarget(whole, side)] }
            : entry;

    private static Procedure Merge(Procedure session, Procedure entry) => session with
    {
        Side = (session.Side, entry.Side) switch
        {
            ({ } a, { } b) when a == b => a,
            ({ }, { }) => Side.Bilateral,
            _ => null,
        },
        Joints = [.. Items(session.Joints), .. Items(entry.Joints)],
        Nerves = [.. Items(session.Nerves), .. Items(entry.Nerves)],
    };

    private static ImmutableArray<T> Items<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}

/// <summary>
/// The sessions of an encounter, in the order of their first entries, with the coding rule set of each (null when
/// none handles its kind) and, when entries were combined, the entry indices of each session.
/// </summary>
internal sealed class Sessions(ImmutableArray<Procedure> procedures, RuleSet?[] chosen, int[][]? entries)
{
    public static readonly Sessions None = new([], [], null);

    public ImmutableArray<Procedure> Procedures { get; } = procedures.IsDefault ? [] : procedures;

    public RuleSet?[] Chosen { get; } = chosen;

    public int Count => Procedures.Length;

    /// <summary>Names a session in the trace: "procedure 2", or "procedures 1 and 3 (one session)".</summary>
    public string Name(int session)
    {
        if (entries is null || entries[session].Length == 1)
        {
            return $"procedure {(entries is null ? session : entries[session][0]) + 1}";
        }

        var numbers = entries[session].Select(e => (e + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return $"procedures {string.Join(", ", numbers[..^1])} and {numbers[^1]} (one session)";
    }
}
