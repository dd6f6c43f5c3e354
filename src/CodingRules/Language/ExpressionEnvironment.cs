using System.Collections.Immutable;

namespace CodingRules.Language;

/// <summary>
/// The names an expression may use: variables (each bound to a frame slot; the host decides which exist in which
/// context, e.g. <c>joint</c> only in checks with joint scope), constant namespaces known at load (a rule set's
/// <c>params</c> and <c>ruleSet</c>), named definitions, and look-up tables. Immutable.
/// </summary>
public sealed class ExpressionEnvironment
{
    private static readonly ImmutableDictionary<string, (ExprType, int)> NoVariables =
        ImmutableDictionary<string, (ExprType, int)>.Empty.WithComparers(StringComparer.Ordinal);

    private static readonly ImmutableDictionary<string, IReadOnlyDictionary<string, (ExprType, Value)>> NoNamespaces =
        ImmutableDictionary<string, IReadOnlyDictionary<string, (ExprType, Value)>>.Empty.WithComparers(StringComparer.Ordinal);

    private readonly ImmutableDictionary<string, (ExprType Type, int Slot)> _variables;
    private readonly ImmutableDictionary<string, IReadOnlyDictionary<string, (ExprType Type, Value Value)>> _namespaces;

    private ExpressionEnvironment(
        ImmutableDictionary<string, (ExprType, int)> variables,
        int slotCount,
        ImmutableDictionary<string, IReadOnlyDictionary<string, Value>>? tables,
        ImmutableDictionary<string, IReadOnlyDictionary<string, (ExprType, Value)>> namespaces,
        ImmutableDictionary<string, ExpressionDefinition> definitions,
        ImmutableDictionary<string, IDataTable>? dataTables = null)
    {
        _variables = variables;
        DataTables = dataTables ?? ImmutableDictionary<string, IDataTable>.Empty;
        SlotCount = slotCount;
        Tables = tables ?? ImmutableDictionary<string, IReadOnlyDictionary<string, Value>>.Empty;
        _namespaces = namespaces;
        Definitions = definitions;
    }

    /// <summary>An environment with no variables.</summary>
    public static ExpressionEnvironment Empty { get; } =
        new(NoVariables, 0, null, NoNamespaces, ImmutableDictionary<string, ExpressionDefinition>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>Named look-up tables of the rule set (text key to number), read by <c>lookup("name", key)</c>.</summary>
    public ImmutableDictionary<string, IReadOnlyDictionary<string, Value>> Tables { get; }

    /// <summary>Tables read from data files (rows of typed columns), read by <c>rows("name", key...)</c> and <c>row(...)</c>.</summary>
    public ImmutableDictionary<string, IDataTable> DataTables { get; }

    /// <summary>The same names with these data tables.</summary>
    public ExpressionEnvironment WithDataTables(ImmutableDictionary<string, IDataTable> dataTables) =>
        new(_variables, SlotCount, Tables, _namespaces, Definitions, dataTables);

    /// <summary>The named definitions expressions may refer to (values by name, functions by name and arguments).</summary>
    public ImmutableDictionary<string, ExpressionDefinition> Definitions { get; }

    /// <summary>Slots used by the host's variables; predicate parameters take slots after them.</summary>
    public int SlotCount { get; }

    /// <summary>The names an expression can start with here, sorted (for diagnostics).</summary>
    public IEnumerable<string> Names =>
        _variables.Keys.Concat(_namespaces.Keys).Concat(Definitions.Values.Where(d => d.Parameters.IsEmpty).Select(d => d.Name)).Order(StringComparer.Ordinal);

    /// <summary>The same names with these tables.</summary>
    public ExpressionEnvironment WithTables(ImmutableDictionary<string, IReadOnlyDictionary<string, Value>> tables) =>
        new(_variables, SlotCount, tables, _namespaces, Definitions, DataTables);

    /// <summary>Adds a variable in the given slot.</summary>
    public ExpressionEnvironment With(string name, ExprType type, int slot) =>
        new(_variables.SetItem(name, (type, slot)), Math.Max(SlotCount, slot + 1), Tables, _namespaces, Definitions, DataTables);

    /// <summary>
    /// Adds a namespace of constants: <c>name.field</c> is the field's value, known at load (so it folds like a
    /// literal). Used for a rule set's <c>params</c> and <c>ruleSet</c>.
    /// </summary>
    public ExpressionEnvironment WithNamespace(string name, IReadOnlyDictionary<string, (ExprType Type, Value Value)> fields) =>
        new(_variables, SlotCount, Tables, _namespaces.SetItem(name, fields), Definitions, DataTables);

    /// <summary>The same names with these definitions.</summary>
    public ExpressionEnvironment WithDefinitions(IEnumerable<ExpressionDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return new(_variables, SlotCount, Tables, _namespaces, definitions.ToImmutableDictionary(d => d.Name, StringComparer.Ordinal), DataTables);
    }

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

    /// <summary>Looks up a namespace of constants.</summary>
    public bool TryGetNamespace(string name, out IReadOnlyDictionary<string, (ExprType Type, Value Value)> fields) =>
        _namespaces.TryGetValue(name, out fields!);

    /// <summary>Every variable, for checking a definition that no check uses (in all scopes at once).</summary>
    internal IEnumerable<(string Name, ExprType Type, int Slot)> Variables => _variables.Select(v => (v.Key, v.Value.Type, v.Value.Slot));
}
