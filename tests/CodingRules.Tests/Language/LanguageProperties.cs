using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Language;

/// <summary>
/// Laws of the language over generated expressions and encounters: negating an ordering comparison is the
/// complementary comparison wherever both sides are present, and the documented rule holds where one may be missing
/// (refused unguarded, the guard decides, a default stands in); constant folding and hoisting never change a result.
/// </summary>
public sealed class LanguageProperties
{
    /// <summary>Operands of one type, each marked when it may be missing.</summary>
    private static readonly (string Type, string Text, bool Optional)[] Operands =
    [
        ("number", "count(procedure.joints)", false),
        ("number", "80", false),
        ("number", "79.5", false),
        ("number", "(procedure.temperatureCelsius ?? 80)", false),
        ("number", "sum(map(encounter.history, h => h.reliefPercent))", false),
        ("number", "count(encounter.history, h => h.kind == \"facet-joint-injection\") * 10", false),
        ("number", "procedure.temperatureCelsius", true),
        ("number", "max(map(encounter.history, h => h.reliefPercent))", true),
        ("date", "encounter.dateOfService", false),
        ("date", "date(\"2021-04-25\")", false),
        ("date", "encounter.dateOfService - months(12)", false),
        ("date", "max(map(encounter.history, h => h.date))", true),
        ("date", "min(map(encounter.history, h => h.date))", true),
        ("string", "procedure.kind", false),
        ("string", "\"radiofrequency\"", false),
        ("string", "(procedure.technique ?? \"none\")", false),
        ("string", "procedure.technique", true),
        ("string", "procedure.imaging", true),
    ];

    private static readonly (string Op, string Complement)[] Orderings = [("<", ">="), ("<=", ">"), (">", "<="), (">=", "<")];

    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["number"] = "50", ["date"] = "date(\"2022-06-30\")", ["string"] = "\"m\"",
    };

    private static Gen<(string Type, string A, bool OptionalA, string B, bool OptionalB, string Op, string Complement)> Comparisons { get; } =
        from type in Gen.Elements("number", "date", "string")
        from a in Gen.Elements(Operands.Where(o => o.Type == type).ToArray())
        from b in Gen.Elements(Operands.Where(o => o.Type == type).ToArray())
        from op in Gen.Elements(Orderings)
        select (type, a.Text, a.Optional, b.Text, b.Optional, op.Op, op.Complement);

    [Property(MaxTest = 300)]
    public Property NegatingAComparisonGivesTheComplementaryComparison() =>
        Prop.ForAll(
            Arb.From(from c in Comparisons from e in Gen.ListOf(LanguageFacts.Encounters).Select(l => l.Take(6).ToArray()) select (c, e)),
            input =>
            {
                var ((type, a, optionalA, b, optionalB, op, complement), encounters) = input;
                if (optionalA || optionalB)
                {
                    // Unguarded: refused at load, at each operand that may be missing.
                    var (refused, errors) = ExpressionCompiler.Compile($"{a} {op} {b}", FactSchemas.ProcedureScope, ExprType.Boolean);
                    int[] expected = [.. new[] { optionalA ? 0 : -1, optionalB ? a.Length + op.Length + 2 : -1 }.Where(o => o >= 0)];
                    if (refused is not null || !errors.All(e => e.Descriptor == DiagnosticDescriptors.CR3014_MaybeMissing) || !errors.Select(e => e.Offset).SequenceEqual(expected))
                    {
                        return false.Label($"{a} {op} {b} should be CR3014 at {string.Join(", ", expected)}: {string.Join("; ", errors.Select(e => $"{e.Descriptor.Id}@{e.Offset}"))}");
                    }

                    // Guarded: where a value is missing the guard decides; where both are present the law holds.
                    var guard = string.Join(" and ", new[] { optionalA ? $"has({a})" : null, optionalB ? $"has({b})" : null }.Where(g => g is not null));
                    var guarded = LanguageFacts.Compile($"{guard} and {a} {op} {b}");
                    var negatedGuarded = LanguageFacts.Compile($"not ({guard} and {a} {op} {b})");
                    var complementGuarded = LanguageFacts.Compile($"not ({guard}) or {a} {complement} {b}");
                    var presence = LanguageFacts.Compile(guard);
                    var defaulted = LanguageFacts.Compile($"({a} ?? {Defaults[type]}) {op} ({b} ?? {Defaults[type]})");
                    var defaultedComplement = LanguageFacts.Compile($"not (({a} ?? {Defaults[type]}) {complement} ({b} ?? {Defaults[type]}))");
                    foreach (var e in encounters)
                    {
                        var present = LanguageFacts.Evaluate(presence, e) == "true";
                        if (!present && LanguageFacts.Evaluate(guarded, e) != "false")
                        {
                            return false.Label($"guarded comparison true with a missing value: {a} {op} {b}");
                        }

                        if (LanguageFacts.Evaluate(negatedGuarded, e) != LanguageFacts.Evaluate(complementGuarded, e))
                        {
                            return false.Label($"not (guard and {a} {op} {b}) differs from not guard or {a} {complement} {b}");
                        }

                        if (LanguageFacts.Evaluate(defaulted, e) != LanguageFacts.Evaluate(defaultedComplement, e))
                        {
                            return false.Label($"with defaults, {op} is not the negation of {complement}");
                        }
                    }

                    return true.ToProperty();
                }

                var negated = LanguageFacts.Compile($"not ({a} {op} {b})");
                var complementary = LanguageFacts.Compile($"{a} {complement} {b}");
                foreach (var e in encounters)
                {
                    if (LanguageFacts.Evaluate(negated, e) != LanguageFacts.Evaluate(complementary, e))
                    {
                        return false.Label($"not ({a} {op} {b}) differs from {a} {complement} {b} on {e.Id}");
                    }
                }

                return true.ToProperty();
            });

    [Property(MaxTest = 300)]
    public Property FoldingAndHoistingNeverChangeAResult() =>
        Prop.ForAll(
            Arb.From(from text in ExpressionTexts.Boolean(3) from e in Gen.ListOf(LanguageFacts.Encounters).Select(l => l.Take(5).ToArray()) select (text, e)),
            input =>
            {
                var (text, encounters) = input;
                var optimised = LanguageFacts.Compile(text);
                var plain = LanguageFacts.Compile(text, new CompileOptions(FoldConstants: false, HoistInvariants: false));
                var foldedOnly = LanguageFacts.Compile(text, new CompileOptions(FoldConstants: true, HoistInvariants: false));
                foreach (var e in encounters)
                {
                    var expected = LanguageFacts.Evaluate(plain, e);
                    if (LanguageFacts.Evaluate(optimised, e) != expected || LanguageFacts.Evaluate(foldedOnly, e) != expected)
                    {
                        return false.Label($"{text} on {e.Id}: {expected} without the passes, {LanguageFacts.Evaluate(optimised, e)} with them");
                    }
                }

                return true.ToProperty();
            });

    [Fact]
    public void TheGeneratorReachesBothPasses()
    {
        // The passes property is only worth something if generated expressions fold and hoist.
        var texts = Gen.Sample(ExpressionTexts.Boolean(3), 300);
        Assert.Contains(texts, t => LanguageFacts.Compile(t).SlotCount > LanguageFacts.Compile(t, new CompileOptions(true, false)).SlotCount);
        Assert.Contains(texts, t => Size(LanguageFacts.Compile(t).Checked) < Size(LanguageFacts.Compile(t, new CompileOptions(false, false)).Checked));
    }

    private static int Size(CodingRules.Language.Checking.CheckedNode node) => 1 + node.Children.Sum(Size);
}
