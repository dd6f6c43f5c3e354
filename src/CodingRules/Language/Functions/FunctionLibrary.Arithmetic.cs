using System.Globalization;
using CodingRules.Diagnostics;
using CodingRules.Language.Checking;
using CodingRules.Language.Plan;

namespace CodingRules.Language.Functions;

/// <summary>Arithmetic on numbers, text joining, and dates with periods.</summary>
internal static partial class FunctionLibrary
{
    private static IEnumerable<FunctionDeclaration> Arithmetic()
    {
        var missingIn = MissingValues.Propagate;
        yield return new FunctionDeclaration(
            "+",
            FunctionKind.Operator,
            "Adds numbers, joins texts, moves a date forward by a period, adds periods. A missing operand makes the result missing.",
            Sig("number + number -> number", Results.Of(ExprType.Number), Implementation.Binary((a, b) => Value.FromNumber(a.AsNumber + b.AsNumber)), P(TypePattern.Number, missingIn), P(TypePattern.Number, missingIn)),
            new Overload
            {
                Signature = "text + text -> text",
                Parameters = [P(TypePattern.String, missingIn), P(TypePattern.String, missingIn)],
                Result = Results.Of(ExprType.String),
                Implementation = Implementation.JoinTexts(),
                Cost = Costs.Concat,
            },
            Sig("date + period -> date", Results.Of(ExprType.Date), Implementation.Binary((a, b) => Value.FromDate(b.AsPeriod.AddTo(a.AsDate))), P(TypePattern.Date, missingIn), P(TypePattern.Period, missingIn)),
            Sig("period + period -> period", Results.Of(ExprType.Period), Implementation.Binary((a, b) => Value.FromPeriod(a.AsPeriod.Plus(b.AsPeriod))), P(TypePattern.Period, missingIn), P(TypePattern.Period, missingIn)));
        yield return new FunctionDeclaration(
            "-",
            FunctionKind.Operator,
            "Subtracts numbers, moves a date back by a period, subtracts periods; before a number, negates it. A missing operand makes the result missing.",
            Sig("-number -> number", Results.Of(ExprType.Number), Implementation.Unary(a => Value.FromNumber(-a.AsNumber)), P(TypePattern.Number, missingIn)),
            Sig("number - number -> number", Results.Of(ExprType.Number), Implementation.Binary((a, b) => Value.FromNumber(a.AsNumber - b.AsNumber)), P(TypePattern.Number, missingIn), P(TypePattern.Number, missingIn)),
            Sig("date - period -> date", Results.Of(ExprType.Date), Implementation.Binary((a, b) => Value.FromDate(b.AsPeriod.SubtractFrom(a.AsDate))), P(TypePattern.Date, missingIn), P(TypePattern.Period, missingIn)),
            Sig("period - period -> period", Results.Of(ExprType.Period), Implementation.Binary((a, b) => Value.FromPeriod(a.AsPeriod.Minus(b.AsPeriod))), P(TypePattern.Period, missingIn), P(TypePattern.Period, missingIn)));
        yield return new FunctionDeclaration(
            "*",
            FunctionKind.Operator,
            "Multiplies numbers. A missing operand makes the result missing.",
            Sig("number * number -> number", Results.Of(ExprType.Number), Implementation.Binary((a, b) => Value.FromNumber(a.AsNumber * b.AsNumber)), P(TypePattern.Number, missingIn), P(TypePattern.Number, missingIn)));
        yield return Division("/", "Divides numbers; division by zero gives a missing value, so the result may be missing unless the divisor is a constant other than 0.", (a, b) => a / b);
        yield return Division("%", "The remainder of a division; by zero it is missing, as for /.", (a, b) => a % b);
    }

    private static FunctionDeclaration Division(string symbol, string summary, Func<double, double, double> divide) => new(
        symbol,
        FunctionKind.Operator,
        summary,
        Sig(
            $"number {symbol} number -> number (number? unless the divisor is a constant other than 0)",
            c => c.Arguments[1] is ConstantExpr { Value.AsNumber: not 0 } ? ExprType.Number : ExprType.OptionalNumber,
            Implementation.Binary((a, b) => b.AsNumber == 0 ? Value.Null : Value.FromNumber(divide(a.AsNumber, b.AsNumber))),
            P(TypePattern.Number, MissingValues.Propagate),
            P(TypePattern.Number, MissingValues.Propagate)));

    private static IEnumerable<FunctionDeclaration> Dates()
    {
        var missingIn = MissingValues.Propagate;
        yield return new FunctionDeclaration(
            "date",
            FunctionKind.Function,
            "A date written in the rule, checked when the rules load.",
            new Overload
            {
                Signature = "date(\"YYYY-MM-DD\") -> date",
                Parameters = [new Parameter(TypePattern.String, Constant: true)],
                Result = Results.Of(ExprType.Date),
                Bind = ParseDate,
                Implementation = Implementation.Node(r => new ConstantNode(r.Start, r.Length, (Value)r.State!)),
            });
        yield return new FunctionDeclaration(
            "daysBetween",
            FunctionKind.Function,
            "Days from the first date to the second (negative when the second is earlier); missing when either is.",
            Sig("daysBetween(date, date) -> number", Results.Of(ExprType.Number), Implementation.Binary((a, b) => Value.FromNumber(b.AsDate.DayNumber - a.AsDate.DayNumber)), P(TypePattern.Date, missingIn), P(TypePattern.Date, missingIn)));
        yield return new FunctionDeclaration(
            "monthsBetween",
            FunctionKind.Function,
            "Whole calendar months from the first date to the second (negative when the second is earlier); missing when either is.",
            Sig("monthsBetween(date, date) -> number", Results.Of(ExprType.Number), Implementation.Binary((a, b) => Value.FromNumber(Calendar.WholeMonthsBetween(a.AsDate, b.AsDate))), P(TypePattern.Date, missingIn), P(TypePattern.Date, missingIn)));
        yield return PeriodConstructor("days", "A period of whole days (rounded).", n => new Period(0, Calendar.ClampToInt(n)));
        yield return PeriodConstructor("months", "A period of calendar months (rounded); adding it keeps the day of the month, or the month's last day.", n => new Period(Calendar.ClampToInt(n), 0));
        yield return PeriodConstructor("years", "A period of years, as 12 calendar months each (rounded to whole months).", n => new Period(Calendar.ClampToInt(n * 12), 0));
    }

    private static FunctionDeclaration PeriodConstructor(string name, string summary, Func<double, Period> make) => new(
        name,
        FunctionKind.Function,
        summary,
        Sig(
            $"{name}(number) -> period",
            Results.Of(ExprType.Period),
            Implementation.Unary(a => Value.FromPeriod(make(a.AsNumber))),
            P(TypePattern.Number, MissingValues.Propagate)));

    private static object? ParseDate(BindContext context)
    {
        if (context.Arguments[0] is not ConstantExpr { Value: { Kind: TypeKind.String } text })
        {
            context.Report(0, DiagnosticDescriptors.CR3007_ArgumentType, 1, "date", "a quoted date such as \"2021-04-25\"", context.Arguments[0].Type.Name);
            return Overload.BindFailed;
        }

        if (!DateOnly.TryParseExact(text.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            context.Report(0, DiagnosticDescriptors.CR3008_InvalidDate, text.AsString);
            return Overload.BindFailed;
        }

        return Value.FromDate(date);
    }
}
