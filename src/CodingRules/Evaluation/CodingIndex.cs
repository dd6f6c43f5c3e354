using System.Collections.Immutable;
using CodingRules.Language;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// The rule sets arranged for evaluation, built once per catalog: the ordered stages (one per rule set kind, see
/// <see cref="StageKinds"/>), each indexed for its look-up (coding rule sets by procedure kind, policies by payer).
/// Immutable and thread-safe.
/// </summary>
public sealed class CodingIndex
{
    private readonly CodingStage _coding;
    private readonly PolicyStage _policies;
    private readonly AuditStage _audits;

    /// <summary>Indexes <paramref name="ruleSets"/>.</summary>
    public CodingIndex(IEnumerable<RuleSet> ruleSets)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        var byKind = ruleSets.ToLookup(r => r.Kind, StringComparer.Ordinal);
        Stages = [.. StageKinds.All.Select(k => k.Build([.. byKind[k.Name]], this))];
        _coding = Stages.OfType<CodingStage>().Single();
        _policies = Stages.OfType<PolicyStage>().Single();
        _audits = Stages.OfType<AuditStage>().Single();
    }

    /// <summary>The stages in evaluation order.</summary>
    internal ImmutableArray<EvaluationStage> Stages { get; }

    /// <summary>The claim-audit rule sets (any date).</summary>
    public ImmutableArray<RuleSet> Audits => _audits.Audits;

    /// <summary>The codes declared by the coding rule sets in force on <paramref name="date"/> (any kind), sorted.</summary>
    public IValueList ValidCodes(DateOnly date)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ruleSets in _coding.All)
        {
            foreach (var r in ruleSets)
            {
                if (r.Effective.Contains(date))
                {
                    codes.UnionWith(r.Codes.Keys);
                }
            }
        }

        return new ValueList([.. codes.Select(Value.FromString)]);
    }

    /// <summary>Every policy rule set (any date) that lists <paramref name="payer"/>; empty when none.</summary>
    public ReadOnlySpan<RuleSet> PoliciesFor(string? payer) => _policies.For(payer);

    /// <summary>Every coding rule set (any date) that handles <paramref name="kind"/>; empty when none.</summary>
    public ReadOnlySpan<RuleSet> Handling(string kind) => _coding.Handling(kind);
}
