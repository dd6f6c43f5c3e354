using CodingRules.Language.Plan;

namespace CodingRules.Language.Functions;

/// <summary>The list functions. Every loop runs over a finite list; a predicate or mapping is evaluated once per element.</summary>
internal static partial class FunctionLibrary
{
    private static IEnumerable<FunctionDeclaration> Lists()
    {
        var anyList = P(TypePattern.ListOf(TypePattern.AnyT));
        var predicate = P(TypePattern.Predicate);
        yield return new FunctionDeclaration(
            "count",
            FunctionKind.Function,
            "How many elements the list has, or how many satisfy the predicate.",
            Sig("count(list) -> number", Results.Of(ExprType.Number), Implementation.OverList(items => Value.FromNumber(items.Count)), anyList),
            Loop("count(list, x => condition) -> number", Results.Of(ExprType.Number), CountWhere, Costs.Loop, anyList, predicate));
        yield return new FunctionDeclaration(
            "any",
            FunctionKind.Function,
            "True when some element satisfies the predicate (false for an empty list).",
            Loop("any(list, x => condition) -> boolean", Results.Of(ExprType.Boolean), AnyOf, Costs.Loop, anyList, predicate));
        yield return new FunctionDeclaration(
            "all",
            FunctionKind.Function,
            "True when every element satisfies the predicate (true for an empty list).",
            Loop("all(list, x => condition) -> boolean", Results.Of(ExprType.Boolean), AllOf, Costs.Loop, anyList, predicate));
        yield return new FunctionDeclaration(
            "filter",
            FunctionKind.Function,
            "The elements that satisfy the predicate, in order.",
            Loop("filter(list, x => condition) -> list", Results.ArgumentType(0), Filter, Costs.LoopToList, anyList, predicate));
        yield return new FunctionDeclaration(
            "map",
            FunctionKind.Function,
            "The value of the mapping for each element, in order.",
            Loop("map(list, x => value) -> list", c => ExprType.ListOf(c.Bindings.U!), Map, Costs.LoopToList, anyList, P(TypePattern.Mapping)));
        yield return new FunctionDeclaration(
            "distinct",
            FunctionKind.Function,
            "The list without repeated values, first occurrences kept in order.",
            new Overload
            {
                Signature = "distinct(list of texts, numbers, booleans or dates) -> list",
                Parameters = [P(TypePattern.ListOf(TypePattern.ScalarT))],
                Result = Results.ArgumentType(0),
                Implementation = Implementation.OverList(Distinct),
                Cost = Costs.PerElementToList,
            });
        yield return Extreme("min", "The smallest number or earliest date; missing values are skipped; missing for an empty list.", max: false);
        yield return Extreme("max", "The largest number or latest date; missing values are skipped; missing for an empty list.", max: true);
        yield return new FunctionDeclaration(
            "sum",
            FunctionKind.Function,
            "The sum of the numbers (missing values are skipped; 0 for an empty list).",
            new Overload
            {
                Signature = "sum(list of numbers) -> number",
                Parameters = [P(TypePattern.ListOf(TypePattern.Number))],
                Result = Results.Of(ExprType.Number),
                Implementation = Implementation.OverList(Sum),
                Cost = Costs.PerElement,
            });
        yield return new FunctionDeclaration(
            "intersects",
            FunctionKind.Function,
            "True when the two lists have a value in common (==).",
            new Overload
            {
                Signature = "intersects(list<T>, list<T>) -> boolean",
                Parameters = [P(TypePattern.ListOf(TypePattern.ScalarT)), P(TypePattern.ListOf(TypePattern.ScalarT))],
                Result = Results.Of(ExprType.Boolean),
                Implementation = Implementation.Binary((a, b) => Value.FromBoolean(Intersects(a.AsList ?? ValueList.Empty, b.AsList ?? ValueList.Empty))),
                Cost = a => CostEstimate.Scalar(1 + a.ArgumentCost + a.Arguments[0].Size + a.Arguments[1].Size),
            });
    }

    private static Overload Loop(string signature, Func<ResultContext, ExprType> result, LambdaFunction function, CostFunction cost, params Parameter[] parameters) =>
        new() { Signature = signature, Parameters = [.. parameters], Result = result, Implementation = Implementation.WithLambda(function), Cost = cost };

    private static FunctionDeclaration Extreme(string name, string summary, bool max)
    {
        var implementation = Implementation.OverList(items => Extreme(items, max));
        Overload Of(TypePattern element, string what) => new()
        {
            Signature = $"{name}(list of {what}) -> {(element == TypePattern.Number ? "number" : "date")}?",
            Parameters = [P(TypePattern.ListOf(element))],
            Result = Results.OptionalElementOf(0),
            Implementation = implementation,
            Cost = Costs.PerElement,
        };
        return new FunctionDeclaration(name, FunctionKind.Function, summary, Of(TypePattern.Number, "numbers"), Of(TypePattern.Date, "dates"));
    }

    private static Value CountWhere(IValueList items, Lambda lambda)
    {
        var n = 0;
        for (var i = 0; i < items.Count; i++)
        {
            n += lambda.Test(items[i]) ? 1 : 0;
        }

        return Value.FromNumber(n);
    }

    private static Value AnyOf(IValueList items, Lambda lambda)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (lambda.Test(items[i]))
            {
                return Value.True;
            }
        }

        return Value.False;
    }

    private static Value AllOf(IValueList items, Lambda lambda)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (!lambda.Test(items[i]))
            {
                return Value.False;
            }
        }

        return Value.True;
    }

    private static Value Filter(IValueList items, Lambda lambda)
    {
        lambda.WillBuild(items.Count);
        var kept = new List<Value>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (lambda.Test(items[i]))
            {
                kept.Add(items[i]);
            }
        }

        return Value.FromList(new ValueList([.. kept]));
    }

    private static Value Map(IValueList items, Lambda lambda)
    {
        lambda.WillBuild(items.Count);
        var mapped = new Value[items.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = lambda.Apply(items[i]);
        }

        return Value.FromList(new ValueList(mapped));
    }

    private static Value Distinct(IValueList items)
    {
        var seen = new HashSet<Value>();
        var kept = new List<Value>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (seen.Add(items[i]))
            {
                kept.Add(items[i]);
            }
        }

        return Value.FromList(new ValueList([.. kept]));
    }

    private static Value Sum(IValueList items)
    {
        double total = 0;
        for (var i = 0; i < items.Count; i++)
        {
            total += items[i].IsNull ? 0 : items[i].AsNumber;
        }

        return Value.FromNumber(total);
    }

    private static Value Extreme(IValueList items, bool max)
    {
        var best = Value.Null;
        for (var i = 0; i < items.Count; i++)
        {
            var v = items[i];
            if (v.IsNull)
            {
                continue;
            }

            if (best.IsNull || (max ? v.AsNumber > best.AsNumber : v.AsNumber < best.AsNumber))
            {
                best = v;
            }
        }

        return best;
    }

    private static bool Intersects(IValueList a, IValueList b)
    {
        if (a.Count * (long)b.Count <= 256)
        {
            for (var i = 0; i < a.Count; i++)
            {
                for (var j = 0; j < b.Count; j++)
                {
                    if (a[i].Equals(b[j]))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        var set = new HashSet<Value>();
        for (var i = 0; i < a.Count; i++)
        {
            set.Add(a[i]);
        }

        for (var j = 0; j < b.Count; j++)
        {
            if (set.Contains(b[j]))
            {
                return true;
            }
        }

        return false;
    }
}
