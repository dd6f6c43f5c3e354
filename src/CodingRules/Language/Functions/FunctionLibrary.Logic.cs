using CodingRules.Language.Plan;

namespace CodingRules.Language.Functions;

/// <summary>The forms of the language, equality, ordering and membership.</summary>
internal static partial class FunctionLibrary
{
    private static IEnumerable<FunctionDeclaration> Forms() =>
    [
        FunctionDeclaration.Form("and", "a and b -> boolean", "True when both are; b is not evaluated when a is false, so in `has(x) and x > 1` (or `x != null and x > 1`) x counts as present."),
        FunctionDeclaration.Form("or", "a or b -> boolean", "True when either is; b is evaluated only when a is false, so in `not has(x) or x > 1` x counts as present."),
        FunctionDeclaration.Form("not", "not a -> boolean", "The opposite of a."),
        FunctionDeclaration.Form("has", "has(x) -> boolean", "True when the value of x (a fact that may be missing) is present; in `has(x) and ...` x then counts as present."),
        FunctionDeclaration.Form("??", "x ?? fallback -> the type of x, present", "The value of x, or fallback when x is missing."),
    ];

    private static IEnumerable<FunctionDeclaration> Comparisons()
    {
        yield return Equality("==", "True when both are the same value; a missing value equals only a missing value (null is the missing value written out).", negated: false);
        yield return Equality("!=", "The opposite of ==.", negated: true);
        yield return Ordering("<", ComparisonOperator.Less);
        yield return Ordering("<=", ComparisonOperator.LessOrEqual);
        yield return Ordering(">", ComparisonOperator.Greater);
        yield return Ordering(">=", ComparisonOperator.GreaterOrEqual);
        yield return Membership("in", "True when the list holds a value equal (==) to x.", negated: false);
        yield return Membership("not in", "The opposite of in.", negated: true);
    }

    private static FunctionDeclaration Equality(string symbol, string summary, bool negated) => new(
        symbol,
        FunctionKind.Operator,
        summary,
        Sig(
            $"T {symbol} T -> boolean (T a text, number, boolean or date; either may be missing)",
            Results.Of(ExprType.Boolean),
            Implementation.Node(r => new EqualsNode(r.Start, r.Length, r.Arguments[0], r.Arguments[1], negated)),
            P(TypePattern.ScalarT, MissingValues.Accept),
            P(TypePattern.ScalarT, MissingValues.Accept)));

    private static FunctionDeclaration Ordering(string symbol, ComparisonOperator op)
    {
        var implementation = Implementation.Node(r => new CompareNode(r.Start, r.Length, r.Arguments[0], r.Arguments[1], op));
        Overload Of(TypePattern type, string name) => Sig(
            $"{name} {symbol} {name} -> boolean", Results.Of(ExprType.Boolean), implementation, P(type), P(type));
        return new FunctionDeclaration(
            symbol,
            FunctionKind.Operator,
            "Orders two present numbers, dates (earlier is less) or texts (by character code); a value that may be missing must be guarded first (CR3014).",
            Of(TypePattern.Number, "number"),
            Of(TypePattern.Date, "date"),
            Of(TypePattern.String, "text"));
    }

    private static FunctionDeclaration Membership(string symbol, string summary, bool negated) => new(
        symbol,
        FunctionKind.Operator,
        summary,
        new Overload
        {
            Signature = $"T {symbol} list<T> -> boolean (x may be missing)",
            Parameters = [P(TypePattern.ScalarT, MissingValues.Accept), P(TypePattern.ListOf(TypePattern.ScalarT))],
            Result = Results.Of(ExprType.Boolean),
            Implementation = Implementation.Node(r => new InNode(r.Start, r.Length, r.Arguments[0], r.Arguments[1], negated)),
            Cost = a => CostEstimate.Scalar(1 + a.ArgumentCost + a.Arguments[1].Size),
        });
}
