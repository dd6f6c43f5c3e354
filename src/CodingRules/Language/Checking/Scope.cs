using System.Collections.Immutable;

namespace CodingRules.Language.Checking;

/// <summary>
/// What a point of an expression can see: the host's variables, the parameters of the predicates around it, and the
/// values known to be present there (by their <see cref="CheckedKey"/>: after <c>has(x) and</c>, <c>x</c> is present).
/// Immutable.
/// </summary>
internal sealed class Scope
{
    private readonly ImmutableDictionary<string, (ExprType Type, int Slot)> _parameters;

    private Scope(ExpressionEnvironment environment, ImmutableDictionary<string, (ExprType, int)> parameters, ImmutableHashSet<string> present)
    {
        Environment = environment;
        _parameters = parameters;
        Present = present;
    }

    public ExpressionEnvironment Environment { get; }

    /// <summary>Keys of the values known to be present here.</summary>
    public ImmutableHashSet<string> Present { get; }

    public static Scope Of(ExpressionEnvironment environment) =>
        new(environment, ImmutableDictionary<string, (ExprType, int)>.Empty.WithComparers(StringComparer.Ordinal), ImmutableHashSet.Create<string>(StringComparer.Ordinal));

    /// <summary>The names visible here, sorted (for diagnostics).</summary>
    public IEnumerable<string> Names => Environment.Names.Concat(_parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public Scope WithParameter(string name, ExprType type, int slot) => new(Environment, _parameters.SetItem(name, (type, slot)), Present);

    public Scope WithPresent(ImmutableHashSet<string> keys) => keys.IsEmpty ? this : new(Environment, _parameters, Present.Union(keys));

    /// <summary>A predicate parameter or a host variable (parameters shadow variables).</summary>
    public bool TryGet(string name, out ExprType type, out int slot, out bool isParameter)
    {
        if (_parameters.TryGetValue(name, out var p))
        {
            (type, slot) = p;
            isParameter = true;
            return true;
        }

        isParameter = false;
        return Environment.TryGet(name, out type, out slot);
    }
}
