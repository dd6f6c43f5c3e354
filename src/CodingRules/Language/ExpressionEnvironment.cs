using System.Collections.Immutable;

namespace CodingRules.Language;

/// <summary>
/// The names an expression may use and their types, each bound to a frame slot. The host (the rule model) decides
/// which variables exist in which context, e.g. <c>encounter</c> and <c>procedure</c> everywhere and <c>joint</c>
/// only in checks with joint scope. Immutable.
/// </summary>
public sealed class ExpressionEnvironment
{
    private readonly ImmutableDictionary<string, (ExprType Type, int Slot)> _variables;

    private ExpressionEnvironment(ImmutableDictionary<string, (ExprType, int)> variables, int slotCount, ImmutableDictionary<string, IReadOnlyDictionary<string, Value>>? tables = null)
    {
        _variables = variables;
        SlotCount = slotCount;
        Tables = tables ?? ImmutableDictionary<string, IReadOnlyDictionary<string, Value>>.Empty;
    }

    /// <summary>Named look-up tables of the rule set (text key to number), read by <c>lookup("name", key)</c>.</summary>
    public ImmutableDictionary<string, IReadOnlyDictionary<string, Value>> Tables { get; }

    /// <summary>The same variables with these tables.</summary>
    public ExpressionEnvironment WithTables(ImmutableDictionary<string, IReadOnlyDictionary<string, Value>> tables) =>
        new(_variables, SlotCount, tables);

    /// <summary>An environment with no variables.</summary>
    public static ExpressionEnvironment Empty { get; } = new(ImmutableDictionary<string, (ExprType, int)>.Empty.WithComparers(StringComparer.Ordinal), 0);

    /// <summary>Slots used by the host's variables; predicate parameters take slots after them.</summary>
    public int SlotCount { get; }

    /// <summary>The variable names, sorted (for diagnostics).</summary>
    public IEnumerable<string> Names => _variables.Keys.Order(StringComparer.Ordinal);

    /// <summary>Adds a variable in the given slot.</summary>
    public ExpressionEnvironment With(string name, ExprType type, int slot) =>
        new(_variables.SetItem(name, (type, slot)), Math.Max(SlotCount, slot + 1), Tables);

    /// <summary>Looks up a variable.</summary>
    public bool TryGet(string name, out ExprType type, out int slot)
    {
        if (_variables.TryGetValue(name, out var v))
        {
            (type, slot) = v;
            return true;
        }

        type = ExprType.Null;
        slot = -1;
        return false;
    }
}
