using CodingRules.Encounters;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>History entries resolve like procedures: documented joints, plus joints completed by documented nerves.</summary>
internal static class HistoryResolver
{
    public static readonly Func<HistoryEntry, RuleSet, HistoryFacts> Resolve =
        static (entry, ruleSet) => new HistoryFacts(entry, ProcedureResolver.Resolve(
            new Procedure(entry.Kind, entry.Technique, null, null, entry.Purpose, null, entry.Joints) { Nerves = entry.Nerves }, ruleSet).Joints);
}
