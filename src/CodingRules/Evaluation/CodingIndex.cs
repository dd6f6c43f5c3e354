using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Language;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// The coding rule sets by the procedure kind they handle, oldest version first, built once per catalog so that
/// choosing the rule sets for a procedure is one dictionary look-up and a short scan. Immutable and thread-safe.
/// </summary>
public sealed class CodingIndex
{
    private readonly FrozenDictionary<string, RuleSet[]> _byKind;
    private readonly FrozenDictionary<string, RuleSet[]> _policiesByPayer;

    /// <summary>Indexes the coding rule sets among <paramref name="ruleSets"/>.</summary>
    public CodingIndex(IEnumerable<RuleSet> ruleSets)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        _byKind = ruleSets
            .Where(r => r.Kind == "coding")
            .SelectMany(r => r.Handles.Select(kind => (kind, r)))
            .GroupBy(x => x.kind, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.r).OrderBy(r => r.Effective.From).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Audits = [.. ruleSets.Where(r => r.Kind == "audit").OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Effective.From)];
        _policiesByPayer = ruleSets
            .Where(r => r.Kind == "policy")
            .SelectMany(r => r.Payers.Select(payer => (payer, r)))
            .GroupBy(x => x.payer, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.r).OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Effective.From).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The claim-audit rule sets (any date).</summary>
    public ImmutableArray<RuleSet> Audits { get; private init; } = [];

    /// <summary>The codes declared by the coding rule sets in force on <paramref name="date"/> (any kind), sorted.</summary>
    public IValueList ValidCodes(DateOnly date)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ruleSets in _byKind.Values)
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
    public ReadOnlySpan<RuleSet> PoliciesFor(string? payer) =>
        payer is not null && _policiesByPayer.TryGetValue(payer, out var policies) ? policies : [];

    /// <summary>Every coding rule set (any date) that handles <paramref name="kind"/>; empty when none.</summary>
    public ReadOnlySpan<RuleSet> Handling(string kind) =>
        _byKind.TryGetValue(kind, out var ruleSets) ? ruleSets : [];
}
