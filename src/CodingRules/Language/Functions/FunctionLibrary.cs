using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CodingRules.Language.Functions;

/// <summary>
/// Every function, operator and form of the expression language, each declared once (see the partial files for the
/// groups: logic and comparison, arithmetic and dates, lists, text and tables). Adding a function is one
/// <see cref="FunctionDeclaration"/> in one of them plus its implementation; the checker, planner, cost estimate, docs
/// table (<c>docs/authoring.md</c>, kept in step by a test) and "did you mean" list read it from here.
/// </summary>
internal static partial class FunctionLibrary
{
    /// <summary>Every declaration, forms and operators first, then functions by name.</summary>
    public static ImmutableArray<FunctionDeclaration> All { get; } =
    [
        .. Forms(), .. Comparisons(), .. Arithmetic(),
        .. Lists().Concat(Dates()).Concat(Text()).Concat(Tables()).Concat(DataTables()).OrderBy(d => d.Name, StringComparer.Ordinal),
    ];

    private static readonly FrozenDictionary<string, FunctionDeclaration> Functions =
        All.Where(d => d.Kind != FunctionKind.Operator).ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, FunctionDeclaration> Operators =
        All.Where(d => d.Kind == FunctionKind.Operator).ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The names a call may use (functions and the callable forms), sorted.</summary>
    public static ImmutableArray<string> CallableNames { get; } =
        [.. All.Where(d => d.Kind == FunctionKind.Function || (d.Kind == FunctionKind.Form && char.IsAsciiLetter(d.Name[0]) && d.Signatures[0].Contains('(', StringComparison.Ordinal))).Select(d => d.Name).Order(StringComparer.Ordinal)];

    /// <summary>A function or form called by name.</summary>
    public static bool TryGetFunction(string name, out FunctionDeclaration declaration) => Functions.TryGetValue(name, out declaration!);

    /// <summary>An operator by its symbol (<c>&lt;=</c>, <c>not in</c>, <c>-</c> for both minus signs).</summary>
    public static FunctionDeclaration Operator(string symbol) => Operators[symbol];

    private static Overload Sig(string signature, Func<ResultContext, ExprType> result, Implementation implementation, params Parameter[] parameters) =>
        new() { Signature = signature, Parameters = [.. parameters], Result = result, Implementation = implementation };

    private static Parameter P(TypePattern type, MissingValues missing = MissingValues.Reject) => new(type, missing);
}
