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

    private static IEnumerable<FunctionDeclaration> DataTables()
    {
        yield return new FunctionDeclaration(
            "rows",
            FunctionKind.Function,
            "The rows of a data table of the rule set whose key columns hold these values, in file order; empty when none (or a key is missing).",
            RowsOverload("rows(\"table\", key) -> list<row>", 1, many: true),
            RowsOverload("rows(\"table\", key1, key2) -> list<row>", 2, many: true));
        yield return new FunctionDeclaration(
            "row",
            FunctionKind.Function,
            "The first row (in file order) of a data table whose key columns hold these values; missing when there is none.",
            RowsOverload("row(\"table\", key) -> row?", 1, many: false),
            RowsOverload("row(\"table\", key1, key2) -> row?", 2, many: false));
    }

    private static Overload RowsOverload(string signature, int keys, bool many) => new()
    {
        Signature = signature,
        Parameters = [new Parameter(TypePattern.String, Constant: true), .. Enumerable.Repeat(P(TypePattern.String, MissingValues.Accept), keys)],
        Result = c => c.State is IDataTable table ? (many ? ExprType.ListOf(table.RowType) : table.RowType.AsOptional()) : ExprType.Null,
        Bind = c => FindDataTable(c, many ? "rows" : "row", keys),
        Implementation = Implementation.Node(r => new RowsNode(r.Start, r.Length, (IDataTable)r.State!, r.Arguments[1..], many)),
    };

    private static object? FindDataTable(BindContext context, string function, int keys)
    {
        if (Find(context, function, context.Environment.DataTables) is not { } table)
        {
            return Overload.BindFailed;
        }

        if (table.KeyCount != keys)
        {
            context.Report(0, DiagnosticDescriptors.CR3007_ArgumentType, 1, function, $"a table keyed by {keys} column(s)", $"table '{table.Name}', keyed by {table.KeyCount}");
            return Overload.BindFailed;
        }

        return table;
    }

    private static object? FindTable(BindContext context) =>
        Find(context, "lookup", context.Environment.Tables) ?? Overload.BindFailed;

    /// <summary>The table a call's first argument names, a quoted constant (CR3007 otherwise; CR3013 when no table has the name).</summary>
    private static T? Find<T>(BindContext context, string function, IReadOnlyDictionary<string, T> tables)
        where T : class
    {
        if (context.Arguments[0] is not ConstantExpr { Value: { Kind: TypeKind.String } name })
        {
            context.Report(0, DiagnosticDescriptors.CR3007_ArgumentType, 1, function, "a quoted table name", context.Arguments[0].Type.Name);
            return null;
        }

        if (!tables.TryGetValue(name.AsString!, out var table))
        {
            var known = tables.Count == 0 ? "none" : string.Join(", ", tables.Keys.Order(StringComparer.Ordinal));
            context.Report(0, DiagnosticDescriptors.CR3013_UnknownTable, name.AsString, Suggestion.DidYouMean(name.AsString!, tables.Keys), known);
            return null;
        }

        return table;
    }
}
