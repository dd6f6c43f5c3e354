using CodingRules.Diagnostics;
using CodingRules.Language.Checking;
using CodingRules.Language.Plan;

namespace CodingRules.Language.Functions;

/// <summary>Text tests and the rule set's lookup tables.</summary>
internal static partial class FunctionLibrary
{
    private static IEnumerable<FunctionDeclaration> Text()
    {
        yield return TextTest("startsWith", "True when the text begins with the prefix (false when either is missing).", "prefix", (a, b) => a.StartsWith(b, StringComparison.Ordinal));
        yield return TextTest("contains", "True when the text contains the part (false when either is missing).", "part", (a, b) => a.Contains(b, StringComparison.Ordinal));
    }

    private static FunctionDeclaration TextTest(string name, string summary, string second, Func<string, string, bool> test) => new(
        name,
        FunctionKind.Function,
        summary,
        Sig(
            $"{name}(text, {second}) -> boolean",
            Results.Of(ExprType.Boolean),
            Implementation.Binary((a, b) => Value.FromBoolean(a.AsString is { } x && b.AsString is { } y && test(x, y))),
            P(TypePattern.String, MissingValues.Accept),
            P(TypePattern.String, MissingValues.Accept)));

    private static IEnumerable<FunctionDeclaration> Tables()
    {
        yield return new FunctionDeclaration(
            "lookup",
            FunctionKind.Function,
            "The number a table of the rule set holds for the key; missing when it holds none (or the key is missing).",
            new Overload
            {
                Signature = "lookup(\"table\", key) -> number?",
                Parameters = [new Parameter(TypePattern.String, Constant: true), P(TypePattern.String, MissingValues.Accept)],
                Result = Results.Of(ExprType.OptionalNumber),
                Bind = FindTable,
                Implementation = Implementation.Node(r => new LookupNode(r.Start, r.Length, (IReadOnlyDictionary<string, Value>)r.State!, r.Arguments[1])),
            });
    }

    private static object? FindTable(BindContext context)
    {
        if (context.Arguments[0] is not ConstantExpr { Value: { Kind: TypeKind.String } name })
        {
            context.Report(0, DiagnosticDescriptors.CR3007_ArgumentType, 1, "lookup", "a quoted table name", context.Arguments[0].Type.Name);
            return Overload.BindFailed;
        }

        var tables = context.Environment.Tables;
        if (!tables.TryGetValue(name.AsString!, out var table))
        {
            var known = tables.IsEmpty ? "none" : string.Join(", ", tables.Keys.Order(StringComparer.Ordinal));
            context.Report(0, DiagnosticDescriptors.CR3013_UnknownTable, name.AsString, Suggestion.DidYouMean(name.AsString!, tables.Keys), known);
            return Overload.BindFailed;
        }

        return table;
    }
}
