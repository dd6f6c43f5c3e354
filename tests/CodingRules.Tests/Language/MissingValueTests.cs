using CodingRules.Diagnostics;
using CodingRules.Encounters;
using CodingRules.Language;
using CodingRules.Model;

namespace CodingRules.Tests.Language;

/// <summary>
/// Missing values are explicit: a fact that may be missing has an optional type (<c>number?</c>); an ordering
/// comparison refuses it at load (CR3014) unless a guard (<c>has(x)</c>, <c>x != null</c>) proved it present or a
/// default (<c>x ?? d</c>) stands in. Equality and membership keep their meaning for missing values.
/// </summary>
public sealed class MissingValueTests
{
    [Theory]
    [InlineData("procedure.temperatureCelsius < 80", 0)]
    [InlineData("80 <= procedure.temperatureCelsius", 6)]
    [InlineData("not (procedure.temperatureCelsius >= 80)", 5)]
    [InlineData("procedure.technique > \"a\"", 0)]
    [InlineData("max(map(encounter.history, h => h.date)) < encounter.dateOfService", 0)]
    [InlineData("any(encounter.history, h => h.reliefPercent >= 80)", 28)]
    [InlineData("procedure.temperatureCelsius + 1 > 80", 0)]
    [InlineData("daysBetween(min(map(encounter.history, h => h.date)), encounter.dateOfService) > 14", 0)]
    [InlineData("lookup(\"mue\", \"x\") > 1", 0)]
    public void AComparisonWithAValueThatMayBeMissingIsRefusedAtLoad(string text, int offset)
    {
        var environment = FactSchemas.ProcedureScope.WithTables(System.Collections.Immutable.ImmutableDictionary<string, IReadOnlyDictionary<string, Value>>.Empty.Add("mue", new Dictionary<string, Value>()));
        var (expression, errors) = ExpressionCompiler.Compile(text, environment, ExprType.Boolean);
        Assert.Null(expression);
        var error = Assert.Single(errors);
        Assert.Equal((DiagnosticDescriptors.CR3014_MaybeMissing.Id, offset), (error.Descriptor.Id, error.Offset));
    }

    [Theory]
    [InlineData("has(procedure.temperatureCelsius) and procedure.temperatureCelsius < 80")]
    [InlineData("procedure.temperatureCelsius != null and procedure.temperatureCelsius < 80")]
    [InlineData("not has(procedure.temperatureCelsius) or procedure.temperatureCelsius >= 80")]
    [InlineData("procedure.temperatureCelsius == null or procedure.temperatureCelsius >= 80")]
    [InlineData("not (procedure.temperatureCelsius == null) and procedure.temperatureCelsius < 80")]
    [InlineData("(procedure.temperatureCelsius ?? 0) < 80")]
    [InlineData("has(max(map(encounter.history, h => h.date))) and max(map(encounter.history, x => x.date)) < encounter.dateOfService")]
    [InlineData("any(encounter.history, h => has(h.reliefPercent) and h.reliefPercent >= 80)")]
    [InlineData("has(procedure.technique) and any(procedure.joints, j => procedure.technique > \"a\")")]
    public void AGuardOrADefaultMakesTheComparisonValid(string text)
    {
        var (expression, errors) = ExpressionCompiler.Compile(text, FactSchemas.ProcedureScope, ExprType.Boolean);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.Select(e => $"{e.Descriptor.Id}@{e.Offset}")));
        Assert.NotNull(expression);
    }

    [Theory]
    [InlineData("procedure.temperatureCelsius < 80 and has(procedure.temperatureCelsius)", 0)]
    [InlineData("has(procedure.temperatureCelsius) or procedure.temperatureCelsius < 80", 37)]
    [InlineData("not has(procedure.temperatureCelsius) and procedure.temperatureCelsius < 80", 42)]
    public void AGuardProtectsOnlyWhatIsEvaluatedAfterItHolds(string text, int offset)
    {
        var (_, errors) = ExpressionCompiler.Compile(text, FactSchemas.ProcedureScope, ExprType.Boolean);
        var error = Assert.Single(errors);
        Assert.Equal((DiagnosticDescriptors.CR3014_MaybeMissing.Id, offset), (error.Descriptor.Id, error.Offset));
    }

    [Fact]
    public void AGuardInsideAPredicateDoesNotLeakOutOfIt()
    {
        var (_, errors) = ExpressionCompiler.Compile(
            "any(encounter.history, h => has(h.reliefPercent)) and all(encounter.history, h => h.reliefPercent > 1)", FactSchemas.ProcedureScope, ExprType.Boolean);
        Assert.Equal(DiagnosticDescriptors.CR3014_MaybeMissing.Id, Assert.Single(errors).Descriptor.Id);
    }

    [Theory]
    [InlineData(null, "true", "false", "80")]
    [InlineData(75.0, "true", "true", "75")]
    [InlineData(85.0, "false", "false", "85")]
    public void MissingValuesFollowTheDocumentedRules(double? temperature, string belowOrMissing, string guardedBelow, string withDefault)
    {
        var encounter = new Encounter("E", new DateOnly(2024, 1, 1), null, null, [], [new Procedure("facet-joint-destruction", "radiofrequency", temperature, "ct", null, null, [])], []);
        Assert.Equal(belowOrMissing, LanguageFacts.Evaluate(LanguageFacts.Compile("not (has(procedure.temperatureCelsius) and procedure.temperatureCelsius >= 80)"), encounter));
        Assert.Equal(guardedBelow, LanguageFacts.Evaluate(LanguageFacts.Compile("has(procedure.temperatureCelsius) and procedure.temperatureCelsius < 80"), encounter));
        Assert.Equal(withDefault, LanguageFacts.Evaluate(LanguageFacts.Compile("procedure.temperatureCelsius ?? 80"), encounter));
        Assert.Equal(temperature is null ? "true" : "false", LanguageFacts.Evaluate(LanguageFacts.Compile("procedure.temperatureCelsius == null"), encounter));
        Assert.Equal(temperature is null ? "false" : "true", LanguageFacts.Evaluate(LanguageFacts.Compile("procedure.temperatureCelsius in [75, 85]"), encounter));
    }

    [Theory]
    [InlineData("procedure.temperatureCelsius", "number?")]
    [InlineData("procedure.temperatureCelsius ?? 0", "number")]
    [InlineData("procedure.temperatureCelsius + 1", "number?")]
    [InlineData("procedure.kind", "string")]
    [InlineData("max(map(encounter.history, h => h.date))", "date?")]
    [InlineData("map(encounter.history, h => h.reliefPercent)", "list<number?>")]
    [InlineData("sum(map(encounter.history, h => h.reliefPercent))", "number")]
    [InlineData("count(procedure.joints) / 2", "number")]
    [InlineData("count(procedure.joints) / count(procedure.joints)", "number?")]
    [InlineData("encounter.dateOfService - months(12)", "date")]
    [InlineData("[1, null]", "list<number?>")]
    [InlineData("null", "null")]
    public void TypesSayWhetherAValueMayBeMissing(string text, string type) =>
        Assert.Equal(type, LanguageFacts.Compile(text).Type.Name);

    [Fact]
    public void ADateOutsideTheCalendarIsItsFirstOrLastDayNotAMissingValue()
    {
        Assert.Equal("0001-01-01", LanguageFacts.Evaluate(LanguageFacts.Compile("date(\"0001-03-01\") - years(5)"), Any()));
        Assert.Equal("9999-12-31", LanguageFacts.Evaluate(LanguageFacts.Compile("date(\"9999-03-01\") + days(400)"), Any()));
    }

    private static Encounter Any() => new("E", new DateOnly(2024, 1, 1), null, null, [], [], []);
}
