using FsCheck;
using FsCheck.Fluent;

namespace CodingRules.Tests.Language;

/// <summary>
/// Generates well-typed expression texts in procedure scope: numbers, texts and conditions over the procedure, its
/// joints and the history, with list functions, predicates (whose bodies often read something invariant, so
/// hoisting has work), constants (so folding has work), defaults and guards.
/// </summary>
internal static class ExpressionTexts
{
    public static Gen<string> Boolean(int depth) => depth <= 0 ? BooleanLeaf : Gen.OneOf(
        BooleanLeaf,
        from a in Number(depth - 1) from op in Gen.Elements("<", "<=", ">", ">=", "==", "!=") from b in Number(depth - 1) select $"({a} {op} {b})",
        from a in Boolean(depth - 1) select $"not {a}",
        from a in Boolean(depth - 1) from op in Gen.Elements("and", "or") from b in Boolean(depth - 1) select $"({a} {op} {b})",
        from f in Gen.Elements("any", "all") from body in JointCondition(depth - 1) select $"{f}(procedure.joints, j => {body})",
        from body in HistoryCondition(depth - 1) select $"any(encounter.history, h => {body})",
        from t in Text(depth - 1) from list in Gen.Elements("[\"radiofrequency\", \"none\"]", "[\"L4-L5\"]", "[]") select $"({t} in {list})");

    public static Gen<string> Number(int depth) => depth <= 0 ? NumberLeaf : Gen.OneOf(
        NumberLeaf,
        from a in Number(depth - 1) from op in Gen.Elements("+", "-", "*") from b in Number(depth - 1) select $"({a} {op} {b})",
        from body in JointCondition(depth - 1) select $"count(procedure.joints, j => {body})",
        from body in HistoryCondition(depth - 1) select $"count(filter(encounter.history, h => {body}))",
        from n in Number(depth - 1) select $"sum(map(procedure.joints, j => {n}))",
        from n in Number(depth - 1) select $"(max(map(encounter.history, h => {n})) ?? 0)");

    private static Gen<string> BooleanLeaf { get; } = Gen.Elements(
        "true", "false", "(1 + 2 == 3)", "has(procedure.temperatureCelsius)", "procedure.technique == \"radiofrequency\"",
        "(has(procedure.temperatureCelsius) and procedure.temperatureCelsius < 80)", "procedure.imaging != null",
        "(encounter.dateOfService - months(12) < date(\"2022-01-01\"))", "startsWith(procedure.kind, \"facet\")",
        "intersects(map(procedure.joints, j => j.level), [\"L4-L5\", \"C5-C6\"])", "(count([1, 2, 3], x => x > 1) == 2)");

    private static Gen<string> NumberLeaf { get; } = Gen.Elements(
        "0", "1", "80", "(2 * 40)", "count(procedure.joints)", "(procedure.temperatureCelsius ?? 0)", "count(encounter.history)",
        "daysBetween(date(\"2020-01-01\"), encounter.dateOfService)", "((procedure.temperatureCelsius ?? 0) + 1)",
        "sum([1, 2, 3.5])", "(min(map(encounter.history, h => h.reliefPercent)) ?? 5)");

    private static Gen<string> Text(int depth) => Gen.Elements(
        "procedure.kind", "(procedure.technique ?? \"none\")", "\"L4-L5\"", "(\"radio\" + \"frequency\")");

    /// <summary>A condition on joint j, often with an invariant part (count(procedure.joints), a date) to hoist.</summary>
    private static Gen<string> JointCondition(int depth) => Gen.OneOf(
        Gen.Elements(
            "j.known", "j.side == \"left\"", "j.bothSides", "j.level in [\"L4-L5\", \"L5-S1\"]",
            "count(procedure.joints) > 2", "(j.known and count(procedure.joints, k => k.level == j.level) > 1)",
            "(j.region ?? \"none\") == \"lumbar\"", "daysBetween(encounter.dateOfService - months(6), encounter.dateOfService) > 180",
            "any(encounter.history, h => any(h.joints, x => x.level == j.level))"),
        depth <= 0 ? Gen.Constant("j.duplicate") : from b in Boolean(depth - 1) select $"(j.known or {b})");

    /// <summary>A condition on history entry h, with invariants (the window start, the latest date).</summary>
    private static Gen<string> HistoryCondition(int depth) => Gen.OneOf(
        Gen.Elements(
            "h.kind == \"facet-joint-destruction\"", "h.date >= encounter.dateOfService - months(12)",
            "(h.reliefPercent ?? 0) >= 80", "h.date == max(map(encounter.history, x => x.date))",
            "(has(h.reliefDurationMonths) and h.reliefDurationMonths >= 6)",
            "any(h.joints, x => any(procedure.joints, j => j.level == x.level and j.side == x.side))",
            "count(filter(encounter.history, x => x.date < h.date)) > 1"),
        depth <= 0 ? Gen.Constant("h.date < encounter.dateOfService") : from b in Boolean(depth - 1) select $"(h.date < encounter.dateOfService and {b})");
}
