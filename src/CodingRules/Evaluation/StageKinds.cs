using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// The rule set kinds and the stage each becomes, in evaluation order: coding derives the lines, policies read and
/// adjust them, audits compare them with the billed claim. A kind is one entry here plus its stage class; the
/// evaluator knows no kind by name.
/// </summary>
internal static class StageKinds
{
    /// <summary>One kind: its name and how the catalog builds its stage from the rule sets of that kind.</summary>
    public sealed record StageKind(string Name, Func<IReadOnlyList<RuleSet>, CodingIndex, EvaluationStage> Build);

    public static ImmutableArray<StageKind> All { get; } =
    [
        new("coding", (ruleSets, _) => new CodingStage(ruleSets
            .SelectMany(r => r.Handles.Select(kind => (kind, r)))
            .GroupBy(x => x.kind, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.r).OrderBy(r => r.Effective.From).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal))),
        new("policy", (ruleSets, _) => new PolicyStage(ruleSets
            .SelectMany(r => r.Payers.Select(payer => (payer, r)))
            .GroupBy(x => x.payer, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.r).OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Effective.From).ToArray(), StringComparer.Ordinal))),
        new("audit", (ruleSets, index) => new AuditStage(
            [.. ruleSets.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Effective.From)],
            index.ValidCodes)),
    ];
}
