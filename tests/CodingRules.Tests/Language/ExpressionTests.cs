using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;

namespace CodingRules.Tests.Language;

/// <summary>
/// The expression language on its own: constant expressions compiled against an empty environment and evaluated,
/// and compile errors asserted by id and offset inside the expression text.
/// </summary>
public sealed class ExpressionTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("12 / 4 / 3", "1")]
    [InlineData("7 % 4", "3")]
    [InlineData("-2 * 3", "-6")]
    [InlineData("- -2", "2")]
    [InlineData("1 + 2 == 3", "true")]
    [InlineData("2 * 3 > 5 and 1 < 0", "false")]
    [InlineData("true or false and false", "true")]
    [InlineData("(true or false) and false", "false")]
    [InlineData("not false and false", "false")]
    [InlineData("not (false and false)", "true")]
    [InlineData("not 1 == 2", "true")]
    public void OperatorsBindByPrecedence(string text, string expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("2 in [1, 2, 3]", "true")]
    [InlineData("4 in [1, 2, 3]", "false")]
    [InlineData("4 not in [1, 2, 3]", "true")]
    [InlineData("\"ct\" in [\"fluoroscopy\", \"ct\"]", "true")]
    [InlineData("\"CT\" in [\"fluoroscopy\", \"ct\"]", "false")]
    [InlineData("not (\"mri\" in [\"fluoroscopy\", \"ct\"])", "true")]
    public void InAndNotInTestMembership(string text, string expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("null == null", "true")]
    [InlineData("null != null", "false")]
    [InlineData("1 == null", "false")]
    [InlineData("1 != null", "true")]
    [InlineData("\"a\" == null", "false")]
    public void NullEqualsOnlyNull(string text, string expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("date(\"2024-02-29\") - months(12)", "2023-02-28")]
    [InlineData("date(\"2024-02-29\") + years(1)", "2025-02-28")]
    [InlineData("date(\"2024-01-31\") + months(1)", "2024-02-29")]
    [InlineData("date(\"2024-12-31\") + days(1)", "2025-01-01")]
    [InlineData("daysBetween(date(\"2024-01-01\"), date(\"2024-03-01\"))", "60")]
    [InlineData("daysBetween(date(\"2024-03-01\"), date(\"2024-01-01\"))", "-60")]
    [InlineData("monthsBetween(date(\"2024-01-15\"), date(\"2024-03-15\"))", "2")]
    [InlineData("monthsBetween(date(\"2024-01-15\"), date(\"2024-03-14\"))", "1")]
    [InlineData("date(\"2024-01-01\") < date(\"2024-01-02\")", "true")]
    public void DatesAndPeriodsFollowTheCalendar(string text, string expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("count([1, 2, 3])", "3")]
    [InlineData("count([])", "0")]
    [InlineData("count([1, 2, 3], x => x > 1)", "2")]
    [InlineData("any([1, 2, 3], x => x > 2)", "true")]
    [InlineData("any([1, 2, 3], x => x > 3)", "false")]
    [InlineData("all([1, 2, 3], x => x > 0)", "true")]
    [InlineData("all([1, 2, 3], x => x > 1)", "false")]
    [InlineData("filter([1, 2, 3, 4], x => x % 2 == 0)", "[2, 4]")]
    [InlineData("map([1, 2, 3], x => x * 10)", "[10, 20, 30]")]
    [InlineData("distinct([\"a\", \"b\", \"a\"])", "[\"a\", \"b\"]")]
    [InlineData("min([3, 1, 2])", "1")]
    [InlineData("max([3, 1, 2])", "3")]
    [InlineData("max([date(\"2024-01-01\"), date(\"2023-01-01\")])", "2024-01-01")]
    [InlineData("sum([1, 2, 3.5])", "6.5")]
    [InlineData("sum(map(filter([1, 2, 3], x => x > 1), y => y * 2))", "10")]
    [InlineData("count(filter([\"L4-L5\", \"L5-S1\", \"T1-T2\"], l => startsWith(l, \"L\")))", "2")]
    public void ListFunctionsWorkOverListLiterals(string text, string expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("startsWith(\"L5-S1\", \"L5\")", "true")]
    [InlineData("startsWith(\"L5-S1\", \"S1\")", "false")]
    [InlineData("contains(\"L5-S1\", \"-\")", "true")]
    [InlineData("\"a\" + \"b\" == \"ab\"", "true")]
    public void TextFunctionsTestPrefixesAndParts(string text, string expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Fact]
    public void ConstantExpressionsAreFoldedAtCompileTime()
    {
        var (expression, errors) = ExpressionCompiler.Compile("1 + 2 * 3 == 7", ExpressionEnvironment.Empty);
        Assert.Empty(errors);
        Assert.True(expression!.IsConstant);
    }

    [Theory]
    [InlineData("1 + foo(2)", "CR3003", 4)]
    [InlineData("\"abc", "CR2002", 0)]
    [InlineData("1 == \"abc", "CR2002", 5)]
    [InlineData("1 +", "CR2003", 3)]
    [InlineData("(1 + 2", "CR2003", 6)]
    [InlineData("1 2", "CR2003", 2)]
    [InlineData("1 @ 2", "CR2001", 2)]
    [InlineData("date(\"2024-02-30\") < date(\"2024-03-01\")", "CR3008", 5)]
    [InlineData("date(\"yesterday\") < date(\"2024-03-01\")", "CR3008", 5)]
    [InlineData("1 == \"1\"", "CR3005", 2)]
    [InlineData("count(1)", "CR3007", 6)]
    [InlineData("count()", "CR3004", 0)]
    [InlineData("[1, \"a\"]", "CR3010", 4)]
    [InlineData("-\"a\"", "CR3009", 0)]
    [InlineData("any([1], 2)", "CR3011", 9)]
    [InlineData("nothing", "CR3001", 0)]
    public void ErrorsCarryTheirIdAndOffset(string text, string id, int offset)
    {
        var (expression, errors) = ExpressionCompiler.Compile(text, ExpressionEnvironment.Empty);
        Assert.Null(expression);
        var error = Assert.Single(errors);
        Assert.Equal((id, offset), (error.Descriptor.Id, error.Offset));
    }

    [Fact]
    public void AnUnknownFunctionIsMarkedOverItsName()
    {
        var (_, errors) = ExpressionCompiler.Compile("1 + foo(2)", ExpressionEnvironment.Empty);
        var error = Assert.Single(errors);
        Assert.Equal((DiagnosticDescriptors.CR3003_UnknownFunction, 4, 3), (error.Descriptor, error.Offset, error.Length));
    }

    [Theory]
    [InlineData("procedure.imagin == \"ct\"", "CR3002", 10)]
    [InlineData("joint.known", "CR3001", 0)]
    [InlineData("count(procedure.joints)", "CR3006", 0)]
    [InlineData("procedure.temperatureCelsius == \"hot\"", "CR3005", 29)]
    public void FactsAreTypedByTheProcedureScope(string text, string id, int offset)
    {
        var (_, errors) = ExpressionCompiler.Compile(text, FactSchemas.ProcedureScope, ExprType.Boolean);
        var error = Assert.Single(errors);
        Assert.Equal((id, offset), (error.Descriptor.Id, error.Offset));
    }

    [Theory]
    [InlineData("joint.known and not joint.duplicate")]
    [InlineData("joint.region == \"lumbar\" and procedure.imaging == \"ct\"")]
    [InlineData("count(procedure.joints, j => j.level == joint.level) > 1")]
    public void TheJointScopeAddsTheJoint(string text)
    {
        var (expression, errors) = ExpressionCompiler.Compile(text, FactSchemas.JointScope, ExprType.Boolean);
        Assert.Empty(errors);
        Assert.Equal(ExprType.Boolean, expression!.Type);
    }

    [Fact]
    public void AnExpressionLongerThanTheLimitIsRefused()
    {
        var (_, errors) = ExpressionCompiler.Compile(new string('1', ExpressionCompiler.MaxLength + 1), ExpressionEnvironment.Empty);
        Assert.Equal("CR2007", Assert.Single(errors).Descriptor.Id);
    }

    [Fact]
    public void DeepNestingIsRefusedWithoutExhaustingTheStack()
    {
        var text = new string('(', 1000) + "1" + new string(')', 1000);
        var (_, errors) = ExpressionCompiler.Compile(text, ExpressionEnvironment.Empty);
        Assert.Contains(errors, e => e.Descriptor.Id == "CR2004");
    }

    private static string Evaluate(string text)
    {
        var (expression, errors) = ExpressionCompiler.Compile(text, ExpressionEnvironment.Empty);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.Select(e => $"{e.Descriptor.Id}@{e.Offset}")));
        return expression!.Evaluate(new EvaluationFrame(expression.SlotCount)).ToDisplayString();
    }
}
