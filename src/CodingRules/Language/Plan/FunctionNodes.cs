namespace CodingRules.Language.Plan;

#pragma warning disable CA1812 // Instantiated by the binder.

internal enum ListFunction
{
    Count,
    Any,
    All,
    Filter,
    Map,
    Distinct,
    Min,
    Max,
    Sum,
}

/// <summary>
/// The collection functions. With a predicate, the element is put into the parameter's slot and the body
/// evaluated; loops are bounded by the list's length, which input limits bound.
/// </summary>
internal sealed class ListFunctionNode(
    int start, int length, ListFunction function, PlanNode list, int slot, PlanNode? body, HoistedNode[]? hoisted = null)
    : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => body is null ? [list] : [list, body];

    public override bool IsPredicateScope => body is not null;

    /// <summary>The predicate's parameter slot (slots from here on are bound inside the predicate).</summary>
    public int ParameterSlot => slot;

    public override Value Evaluate(EvaluationFrame frame)
    {
        // Loop-invariant parts of the predicate are computed once here, not once per element.
        if (hoisted is not null)
        {
            foreach (var h in hoisted)
            {
                frame.Slots[h.Slot] = h.Original.Evaluate(frame);
            }
        }

        var items = list.Evaluate(frame).AsList;
        var count = items?.Count ?? 0;
        switch (function)
        {
            case ListFunction.Count when body is null:
                return Value.FromNumber(count);
            case ListFunction.Count:
                {
                    var n = 0;
                    for (var i = 0; i < count; i++)
                    {
                        n += Test(frame, items![i]) ? 1 : 0;
                    }

                    return Value.FromNumber(n);
                }

            case ListFunction.Any:
                for (var i = 0; i < count; i++)
                {
                    if (Test(frame, items![i]))
                    {
                        return Value.True;
                    }
                }

                return Value.False;
            case ListFunction.All:
                for (var i = 0; i < count; i++)
                {
                    if (!Test(frame, items![i]))
                    {
                        return Value.False;
                    }
                }

                return Value.True;
            case ListFunction.Filter:
                {
                    var kept = new List<Value>(count);
                    for (var i = 0; i < count; i++)
                    {
                        if (Test(frame, items![i]))
                        {
                            kept.Add(items[i]);
                        }
                    }

                    return Value.FromList(new ValueList([.. kept]));
                }

            case ListFunction.Map:
                {
                    var mapped = new Value[count];
                    for (var i = 0; i < count; i++)
                    {
                        frame.Slots[slot] = items![i];
                        mapped[i] = body!.Evaluate(frame);
                    }

                    return Value.FromList(new ValueList(mapped));
                }

            case ListFunction.Distinct:
                {
                    var seen = new HashSet<Value>();
                    var kept = new List<Value>(count);
                    for (var i = 0; i < count; i++)
                    {
                        if (seen.Add(items![i]))
                        {
                            kept.Add(items[i]);
                        }
                    }

                    return Value.FromList(new ValueList([.. kept]));
                }

            case ListFunction.Sum:
                {
                    double total = 0;
                    for (var i = 0; i < count; i++)
                    {
                        total += items![i].AsNumber;
                    }

                    return Value.FromNumber(total);
                }

            default:
                return Extreme(items, count, function == ListFunction.Max);
        }
    }

    private static Value Extreme(IValueList? items, int count, bool max)
    {
        var best = Value.Null;
        for (var i = 0; i < count; i++)
        {
            var v = items![i];
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

    private bool Test(EvaluationFrame frame, Value item)
    {
        frame.Slots[slot] = item;
        return body!.EvaluateBoolean(frame);
    }
}

/// <summary><c>lookup("table", key)</c>: the number the rule set's table holds for the key, or null.</summary>
internal sealed class LookupNode(int start, int length, IReadOnlyDictionary<string, Value> table, PlanNode key) : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => [key];

    public override Value Evaluate(EvaluationFrame frame) =>
        key.Evaluate(frame).AsString is { } k && table.TryGetValue(k, out var value) ? value : Value.Null;
}

internal enum ScalarFunction
{
    DaysBetween,
    MonthsBetween,
    Days,
    Months,
    Years,
    StartsWith,
    Contains,
}

/// <summary>Date arithmetic, period constructors and string tests; null in, null (or false) out.</summary>
internal sealed class ScalarFunctionNode(int start, int length, ScalarFunction function, PlanNode[] arguments)
    : PlanNode(start, length)
{
    public override IReadOnlyList<PlanNode> Children => arguments;

    public override Value Evaluate(EvaluationFrame frame)
    {
        var a = arguments[0].Evaluate(frame);
        var b = arguments.Length > 1 ? arguments[1].Evaluate(frame) : Value.Null;
        if (a.IsNull || (arguments.Length > 1 && b.IsNull))
        {
            return function is ScalarFunction.StartsWith or ScalarFunction.Contains ? Value.False : Value.Null;
        }

        return function switch
        {
            ScalarFunction.DaysBetween => Value.FromNumber(b.AsDate.DayNumber - a.AsDate.DayNumber),
            ScalarFunction.MonthsBetween => Value.FromNumber(WholeMonthsBetween(a.AsDate, b.AsDate)),
            ScalarFunction.Days => Value.FromPeriod(new Period(0, ClampToInt(a.AsNumber))),
            ScalarFunction.Months => Value.FromPeriod(new Period(ClampToInt(a.AsNumber), 0)),
            ScalarFunction.Years => Value.FromPeriod(new Period(ClampToInt(a.AsNumber * 12), 0)),
            ScalarFunction.StartsWith => Value.FromBoolean(a.AsString!.StartsWith(b.AsString!, StringComparison.Ordinal)),
            _ => Value.FromBoolean(a.AsString!.Contains(b.AsString!, StringComparison.Ordinal)),
        };
    }

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/> (negative when earlier).</summary>
    internal static int WholeMonthsBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WholeMonthsBetween(to, from);
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (to.Day < from.Day && !(to.Day == DateTime.DaysInMonth(to.Year, to.Month) && from.Day > to.Day))
        {
            months--;
        }

        return months;
    }

    private static int ClampToInt(double value) => (int)Math.Clamp(Math.Round(value), -120_000, 120_000);
}
#pragma warning restore CA1812
