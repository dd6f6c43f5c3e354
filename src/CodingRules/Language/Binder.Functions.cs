using System.Globalization;
using CodingRules.Diagnostics;
using CodingRules.Language.Plan;

namespace CodingRules.Language;

/// <summary>
/// The function library. Every function is total: it never throws and every loop runs over a finite input list.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The functions and their signatures, as shown in diagnostics and docs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Functions = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["all"] = "all(list, x => condition) -> boolean",
        ["any"] = "any(list, x => condition) -> boolean",
        ["contains"] = "contains(text, part) -> boolean",
        ["count"] = "count(list) or count(list, x => condition) -> number",
        ["date"] = "date(\"YYYY-MM-DD\") -> date",
        ["days"] = "days(number) -> period",
        ["daysBetween"] = "daysBetween(from, to) -> number",
        ["distinct"] = "distinct(list) -> list",
        ["filter"] = "filter(list, x => condition) -> list",
        ["lookup"] = "lookup(\"table\", key) -> number (null when the table has no such key)",
        ["map"] = "map(list, x => value) -> list",
        ["max"] = "max(list of numbers or dates) -> number or date",
        ["min"] = "min(list of numbers or dates) -> number or date",
        ["months"] = "months(number) -> period",
        ["monthsBetween"] = "monthsBetween(from, to) -> number",
        ["startsWith"] = "startsWith(text, prefix) -> boolean",
        ["sum"] = "sum(list of numbers) -> number",
        ["years"] = "years(number) -> period",
    };

    private Bound? BindCall(CallSyntax call, ExpressionEnvironment env)
    {
        switch (call.Name)
        {
            case "count" when call.Arguments.Length == 1:
                return BindListFunction(call, env, ListFunction.Count, predicate: false);
            case "count":
            case "any":
            case "all":
            case "filter":
                {
                    var function = call.Name switch
                    {
                        "count" => ListFunction.Count,
                        "any" => ListFunction.Any,
                        "all" => ListFunction.All,
                        _ => ListFunction.Filter,
                    };
                    return BindListFunction(call, env, function, predicate: true);
                }

            case "map":
                return BindListFunction(call, env, ListFunction.Map, predicate: true);
            case "distinct":
                return BindListFunction(call, env, ListFunction.Distinct, predicate: false);
            case "min":
            case "max":
                return BindListFunction(call, env, call.Name == "min" ? ListFunction.Min : ListFunction.Max, predicate: false);
            case "sum":
                return BindListFunction(call, env, ListFunction.Sum, predicate: false);
            case "daysBetween":
            case "monthsBetween":
                return BindScalar(call, env, call.Name == "daysBetween" ? ScalarFunction.DaysBetween : ScalarFunction.MonthsBetween, ExprType.Number, ExprType.Date, ExprType.Date);
            case "days":
            case "months":
            case "years":
                {
                    var function = call.Name switch { "days" => ScalarFunction.Days, "months" => ScalarFunction.Months, _ => ScalarFunction.Years };
                    return BindScalar(call, env, function, ExprType.Period, ExprType.Number);
                }

            case "startsWith":
            case "contains":
                return BindScalar(call, env, call.Name == "startsWith" ? ScalarFunction.StartsWith : ScalarFunction.Contains, ExprType.Boolean, ExprType.String, ExprType.String);
            case "date":
                return BindDate(call, env);
            case "lookup":
                return BindLookup(call, env);
            default:
                return Error(DiagnosticDescriptors.CR3003_UnknownFunction, new NameSyntax(call.Name, call.NameStart, call.Name.Length), call.Name, string.Join(", ", Functions.Keys));
        }
    }

    private Bound? BindListFunction(CallSyntax call, ExpressionEnvironment env, ListFunction function, bool predicate)
    {
        var expected = predicate ? 2 : 1;
        if (call.Arguments.Length != expected)
        {
            return ArgumentCount(call, expected == 1 ? "1 argument" : "2 arguments");
        }

        var list = BindNode(call.Arguments[0], env);
        if (list is null)
        {
            return null;
        }

        if (list.Type.Kind != TypeKind.List)
        {
            return Error(DiagnosticDescriptors.CR3007_ArgumentType, call.Arguments[0], 1, call.Name, "a list", list.Type.Name);
        }

        var element = list.Type.Element!;
        if (!predicate)
        {
            var resultType = function switch
            {
                ListFunction.Count or ListFunction.Sum => ExprType.Number,
                ListFunction.Distinct => list.Type,
                _ => element,
            };
            var elementOk = function switch
            {
                ListFunction.Min or ListFunction.Max => element.Kind is TypeKind.Number or TypeKind.Date,
                ListFunction.Sum => element.Kind == TypeKind.Number,
                ListFunction.Distinct => element.IsScalar,
                _ => true,
            };
            if (!elementOk)
            {
                var wanted = function == ListFunction.Distinct ? "a list of scalar values" : function == ListFunction.Sum ? "a list of numbers" : "a list of numbers or dates";
                return Error(DiagnosticDescriptors.CR3007_ArgumentType, call.Arguments[0], 1, call.Name, wanted, list.Type.Name);
            }

            return Hoist(Fold(new Bound(resultType, new ListFunctionNode(call.Start, call.Length, function, list.Node, -1, null))));
        }

        if (call.Arguments[1] is not LambdaSyntax lambda)
        {
            return Error(DiagnosticDescriptors.CR3011_LambdaExpected, call.Arguments[1], 2, call.Name);
        }

        // Note: slots are never reused within one expression, so a hoisted value cannot be overwritten by a
        // parameter of a later predicate.
        var slot = AllocateSlot();
        var scope = new LambdaScope(slot);
        _lambdas.Add(scope);
        var body = BindNode(lambda.Body, env.With(lambda.Parameter, element, slot));
        _lambdas.RemoveAt(_lambdas.Count - 1);
        if (body is null)
        {
            return null;
        }

        if (function != ListFunction.Map && body.Type.Kind != TypeKind.Boolean)
        {
            return Error(DiagnosticDescriptors.CR3006_NotBoolean, lambda.Body, body.Type.Name);
        }

        var type = function switch
        {
            ListFunction.Count => ExprType.Number,
            ListFunction.Any or ListFunction.All => ExprType.Boolean,
            ListFunction.Filter => list.Type,
            _ => ExprType.ListOf(body.Type),
        };
        return Hoist(new Bound(type, new ListFunctionNode(call.Start, call.Length, function, list.Node, slot, body.Node, scope.Hoisted.Count == 0 ? null : [.. scope.Hoisted])));
    }

    private Bound? BindScalar(CallSyntax call, ExpressionEnvironment env, ScalarFunction function, ExprType result, params ExprType[] parameters)
    {
        if (call.Arguments.Length != parameters.Length)
        {
            return ArgumentCount(call, parameters.Length == 1 ? "1 argument" : $"{parameters.Length} arguments");
        }

        var nodes = new PlanNode[parameters.Length];
        var failed = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var argument = BindNode(call.Arguments[i], env);
            if (argument is null)
            {
                failed = true;
                continue;
            }

            if (!argument.Type.Equals(parameters[i]) && argument.Type.Kind != TypeKind.Null)
            {
                Error(DiagnosticDescriptors.CR3007_ArgumentType, call.Arguments[i], i + 1, call.Name, parameters[i].Name, argument.Type.Name);
                failed = true;
                continue;
            }

            nodes[i] = argument.Node;
        }

        return failed ? null : Hoist(Fold(new Bound(result, new ScalarFunctionNode(call.Start, call.Length, function, nodes))));
    }

    private Bound? BindDate(CallSyntax call, ExpressionEnvironment env)
    {
        if (call.Arguments.Length != 1)
        {
            return ArgumentCount(call, "1 argument");
        }

        var argument = BindNode(call.Arguments[0], env);
        if (argument is null)
        {
            return null;
        }

        // Note: dates are written as constants only, so every date in a rule file is checked when it loads.
        if (argument.Node is not ConstantNode { Value: { Kind: TypeKind.String } text })
        {
            return Error(DiagnosticDescriptors.CR3007_ArgumentType, call.Arguments[0], 1, "date", "a quoted date such as \"2021-04-25\"", argument.Type.Name);
        }

        if (!DateOnly.TryParseExact(text.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Error(DiagnosticDescriptors.CR3008_InvalidDate, call.Arguments[0], text.AsString);
        }

        return Constant(call, ExprType.Date, Value.FromDate(date));
    }

    private Bound? BindLookup(CallSyntax call, ExpressionEnvironment env)
    {
        if (call.Arguments.Length != 2)
        {
            return ArgumentCount(call, "2 arguments");
        }

        var name = BindNode(call.Arguments[0], env);
        var key = BindNode(call.Arguments[1], env);
        if (name is null || key is null)
        {
            return null;
        }

        if (name.Node is not ConstantNode { Value: { Kind: TypeKind.String } tableName })
        {
            return Error(DiagnosticDescriptors.CR3007_ArgumentType, call.Arguments[0], 1, "lookup", "a quoted table name", name.Type.Name);
        }

        if (!env.Tables.TryGetValue(tableName.AsString!, out var table))
        {
            return Error(DiagnosticDescriptors.CR3013_UnknownTable, call.Arguments[0], tableName.AsString, env.Tables.IsEmpty ? "none" : string.Join(", ", env.Tables.Keys.Order(StringComparer.Ordinal)));
        }

        if (key.Type.Kind != TypeKind.String)
        {
            return Error(DiagnosticDescriptors.CR3007_ArgumentType, call.Arguments[1], 2, "lookup", "text", key.Type.Name);
        }

        return Hoist(Fold(new Bound(ExprType.Number, new LookupNode(call.Start, call.Length, table, key.Node))));
    }

    private Bound? ArgumentCount(CallSyntax call, string expected) =>
        Error(DiagnosticDescriptors.CR3004_ArgumentCount, call, call.Name, expected, call.Arguments.Length);
}
