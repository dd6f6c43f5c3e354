using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Security;

/// <summary>
/// The cost of rules is bounded twice: at load, an expression's cost by itself (every input list of 10 items) is at
/// most <see cref="ExpressionCompiler.MaxNominalCost"/> steps (CR3018); at run time, one encounter's evaluation at most
/// <see cref="EvaluationFrame.StepBudget"/> steps, beyond which it is one error result (CR5010) and the batch goes on.
/// The reproducers of issue 9 are kept here: nested loops over a constant list, a cube of maps, a text doubled inside
/// a predicate, a chain of 2,000 additions on a 1 MB stack, a record huge enough to make a shipped audit check pair
/// thousands of joints.
/// </summary>
public sealed class CostBoundTests
{
    private const string Ten = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";

    public static TheoryData<string, string, string> Costly => new()
    {
        { "nine nested counts over a 10-item list", Nested(9), "CR3018" },
        { "a cube of maps over 700 constant items (folding would build it at load)", $"count(map({Ones(700)}, a => map({Ones(700)}, b => map({Ones(700)}, c => a + b)))) > 0", "CR3018" },
        { "a constant text doubled seven times (folding would build it at load)", "c7 == \"\"", "CR3018" },
        { "an encounter's text doubled 30 times through definitions, inside a predicate", $"any({Ten}, x => d30 == \"\")", "CR3020" },
        { "an encounter's text doubled 7 times through definitions, 600 times over", string.Join(" or ", Enumerable.Repeat("t7 == \"\"", 600)), "CR3019" },
        { "a text joined to itself 4,000 times inside a predicate", $"any([\"ab\"], s => {string.Join("+", Enumerable.Repeat("s", 4000))} == \"\")", "CR2004" },
    };

    [Theory]
    [MemberData(nameof(Costly))]
    public void AConditionThatCostsTooMuchByItselfIsRefusedAtLoad(string what, string condition, string id)
    {
        var watch = Stopwatch.StartNew();
        var (ruleSet, diagnostics) = PropertyTestPaths.Compile(WithCondition(condition));
        watch.Stop();

        Assert.Null(ruleSet);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.True(errors.All(e => e.Id == id), $"{what}: {string.Join("; ", errors.Take(3))}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{watch.Elapsed}"); // Note: a hang guard, not a speed claim.
    }

    [Fact]
    public void DefinitionsEachUsingTheOneBeforeOnceLoad()
    {
        var text = WithCondition("e7 != \"\"").TrimEnd('\n') + "\ndefinitions:\n  e0: procedure.technique\n" + string.Concat(Enumerable.Range(1, 7).Select(i => $"  e{i}: e{i - 1} + \"-\"\n"));

        var (ruleSet, diagnostics) = PropertyTestPaths.Compile(text);

        Assert.Empty(diagnostics);
        Assert.NotNull(ruleSet);
    }

    [Fact]
    public void ATextLongerThanTheLimitIsRefusedBeforeItIsBuilt()
    {
        var frame = new EvaluationFrame(0);
        frame.StartBudget();

        frame.SpendOnText(EvaluationFrame.MaxTextLength);
        var e = Assert.Throws<EvaluationBudgetException>(() => frame.SpendOnText(EvaluationFrame.MaxTextLength + 1L));

        Assert.Contains("1,048,576 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldingConstantsAtLoadNeverRunsOutOfBudgetHoweverManyCompilationsCameBefore()
    {
        // Note: each fold of these four counts of 1,000 constant items spends about 4,000 steps; 3,000 compilations
        // spend more than one budget in all, which ran out once in a frame that all folds shared.
        var text = string.Join(" + ", Enumerable.Repeat($"count({Ones(1000)})", 4)) + " > 0";
        for (var i = 0; i < 3000; i++)
        {
            var (expression, errors) = ExpressionCompiler.Compile(text, FactSchemas.ProcedureScope, ExprType.Boolean);
            Assert.True(errors.IsEmpty && expression is not null, $"compilation {i}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void FourNestedCountsOverATenItemListLoad()
    {
        var (ruleSet, diagnostics) = PropertyTestPaths.Compile(WithCondition(Nested(4)));

        Assert.Empty(diagnostics);
        Assert.NotNull(ruleSet);
    }

    [Fact]
    public void AChainOfTwoThousandAdditionsIsADiagnosticOnAOneMegabyteStack()
    {
        var text = WithCondition(string.Join(" + ", Enumerable.Repeat("1", 2000)) + " > 0");
        ImmutableDiagnostics? found = null;
        var thread = new Thread(() => found = new ImmutableDiagnostics(PropertyTestPaths.Compile(text).Diagnostics), 1024 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "compiling did not finish");

        Assert.Contains(found!.Items, d => d.Id == "CR2004");
    }

    [Theory]
    [InlineData(7, null)]
    [InlineData(8, "CR3020")]
    public void DefinitionsNestedAsDeepAsAllowedCompileAndEvaluateOnAOneMegabyteStack(int depth, string? id)
    {
        // Note: e1 .. eN, each about 60 levels deep around the one before: a checked tree about 60 x N deep.
        string Deep(string inner) => string.Concat(Enumerable.Repeat("(", 30)) + inner + string.Concat(Enumerable.Repeat(" + 1)", 30));
        var text = WithCondition($"e{depth} > 0").TrimEnd('\n') + "\ndefinitions:\n  e0: count(procedure.joints)\n"
            + string.Concat(Enumerable.Range(1, depth).Select(i => $"  e{i}: '{Deep($"e{i - 1}")}'\n"));
        string? outcome = null;
        var thread = new Thread(
            () =>
            {
                var (ruleSet, diagnostics) = PropertyTestPaths.Compile(text);
                if (ruleSet is null)
                {
                    outcome = string.Join("; ", diagnostics.Select(d => d.Id).Distinct());
                    return;
                }

                var encounter = CodingRules.Encounters.EncounterReader.Read("""{"id":"D","dateOfService":"2024-06-01","procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","imaging":"fluoroscopy","joints":[{"level":"L4-L5","side":"right"}]}]}"""u8).Encounter!;
                var result = CodingRules.Evaluation.Evaluator.Evaluate(encounter, [ruleSet]);
                outcome = result.IsError ? "error result" : "evaluated";
            },
            1024 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "did not finish");

        Assert.Equal(id ?? "evaluated", outcome);
    }

    [Fact]
    public void ListsOfListsOverALargeRecordStopAtTheElementLimitBeforeTheyAreBuilt()
    {
        var condition = "count(map(procedure.joints, a => map(procedure.joints, b => map(procedure.joints, c => c.level == a.level or b.level == c.level)))) > 0";
        var (ruleSet, diagnostics) = PropertyTestPaths.Compile(WithCondition(condition));
        Assert.Empty(diagnostics);
        var joints = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"level":"X{{i}}-Y","side":"right"}"""));
        var encounter = CodingRules.Encounters.EncounterReader.Read(Encoding.UTF8.GetBytes($$"""{"id":"BIG","dateOfService":"2024-06-01","procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","imaging":"fluoroscopy","joints":[{{joints}}]}]}""")).Encounter!;

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = CodingRules.Evaluation.Evaluator.Evaluate(encounter, [ruleSet!]);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        var error = Assert.Single(result.Errors);
        Assert.Equal("CR5010", error.Id);
        Assert.Contains("lists of more than 1,000,000 elements", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 100L << 20, $"{allocated:#,0} bytes allocated");
    }

    [Fact]
    public void AHugeRecordIsOneErrorResultAndTheNextRecordIsCoded()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        string[] levels = ["C3-C4", "C4-C5", "T4-T5", "T5-T6", "L3-L4", "L4-L5", "L5-S1"];
        var joints = Enumerable.Range(0, 1000).Select(i => new { level = levels[i % levels.Length], side = i % 2 == 0 ? "left" : "right" }).ToArray();
        var huge = JsonSerializer.Serialize(new
        {
            id = "HUGE",
            dateOfService = "2024-06-01",
            payer = "medicare-noridian-jf",
            diagnoses = new[] { "M47.816" },
            procedures = Enumerable.Range(0, 8).SelectMany(_ => new object[]
            {
                new { kind = "facet-joint-injection", purpose = "diagnostic", imaging = "fluoroscopy", joints },
                new { kind = "facet-joint-destruction", technique = "radiofrequency", imaging = "fluoroscopy", temperatureCelsius = 85, joints },
            }),
            history = Enumerable.Range(0, 200).Select(i => new { date = $"2023-0{1 + (i % 9)}-01", kind = "facet-joint-destruction", joints = joints[..50] }),
            billed = Enumerable.Repeat(new { code = "64493", modifiers = Array.Empty<string>(), units = 1 }, 100),
        });
        Assert.True(Encoding.UTF8.GetByteCount(huge) < 1024 * 1024, "the record is within the record size limit");

        var watch = Stopwatch.StartNew();
        var result = catalog.Evaluate(Encoding.UTF8.GetBytes(huge));
        var next = catalog.Evaluate("""{"id":"NEXT","dateOfService":"2024-06-01","procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","imaging":"fluoroscopy","joints":[{"level":"L4-L5","side":"right"}]}]}"""u8);
        watch.Stop();

        Assert.Equal("CR5010", Assert.Single(result.Errors).Descriptor.Id);
        Assert.Empty(result.Lines);
        Assert.Equal("64635", Assert.Single(next.Lines).Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{watch.Elapsed}"); // Note: a hang guard, not a speed claim.
    }

    /// <summary>
    /// Any condition the loader accepts (within its static cost limit) evaluates within the run-time budget on any
    /// encounter of typical size: the static estimate is an upper bound of what the evaluation spends.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property AnAcceptedConditionStaysWithinTheBudgetOnATypicalEncounter() =>
        Prop.ForAll(Arb.From(CostlyShapes()), Arb.From(Gen.Choose(1, 10)), (condition, joints) =>
        {
            var (ruleSet, diagnostics) = PropertyTestPaths.Compile(WithCondition(condition));
            if (ruleSet is null)
            {
                return diagnostics.Any(d => d.Id == "CR3018").Label($"refused, but not for its cost: {string.Join("; ", diagnostics)}\n{condition}");
            }

            var record = $$"""{"id":"T","dateOfService":"2024-06-01","procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","imaging":"fluoroscopy","joints":[{{string.Join(",", Enumerable.Range(0, joints).Select(i => $$"""{"level":"L{{1 + (i % 4)}}-L{{2 + (i % 4)}}","side":"{{(i % 2 == 0 ? "left" : "right")}}"}"""))}}]}]}""";
            var encounter = CodingRules.Encounters.EncounterReader.Read(Encoding.UTF8.GetBytes(record)).Encounter!;
            var result = CodingRules.Evaluation.Evaluator.Evaluate(encounter, [ruleSet]);
            return (!result.Errors.Any(e => e.Descriptor.Id == "CR5010")).Label($"accepted but over budget: {condition}");
        });

    /// <summary>Loops nested over constant and input lists, of random depth and sizes.</summary>
    private static Gen<string> CostlyShapes() =>
        from depth in Gen.Choose(1, 6)
        from sizes in Gen.ArrayOf(Gen.Choose(1, 40), depth)
        from functions in Gen.ArrayOf(Gen.Elements("count", "any", "all", "map", "filter"), depth)
        from input in Gen.ArrayOf(Gen.Elements(true, false), depth)
        select Shape(depth, sizes, functions, input);

    private static string Shape(int depth, int[] sizes, string[] functions, bool[] input)
    {
        var body = "x0 > 0";
        for (var i = depth - 1; i >= 0; i--)
        {
            var list = input[i] ? "map(procedure.joints, j => 1)" : List(sizes[i]);
            var inner = i == depth - 1 ? $"x{i} > 0" : body;
            body = functions[i] switch
            {
                "map" => $"count(map({list}, x{i} => {inner})) > 0",
                "filter" => $"count(filter({list}, x{i} => {inner})) > 0",
                "count" => $"count({list}, x{i} => {inner}) > 0",
                var f => $"{f}({list}, x{i} => {inner})",
            };
        }

        return body;
    }

    private static string Nested(int depth)
    {
        var body = string.Join(" + ", Enumerable.Range(0, depth).Select(i => $"a{i}")) + " > 0";
        for (var i = depth - 1; i >= 0; i--)
        {
            body = $"count({Ten}, a{i} => {body}) > 0";
        }

        return body;
    }

    private static string List(int n) => "[" + string.Join(", ", Enumerable.Range(1, n)) + "]";

    private static string Ones(int n) => "[" + string.Join(",", Enumerable.Repeat("1", n)) + "]";

    private static string WithCondition(string condition)
    {
        var text = PropertyTestPaths.FacetRuleText.Replace(
            "    when: count(procedure.nerves) > 0\n", "    when: '" + condition.Replace("'", "''", StringComparison.Ordinal) + "'\n", StringComparison.Ordinal);
        Assert.NotEqual(PropertyTestPaths.FacetRuleText, text);

        // Note: d0 .. d30, each the one before joined to itself: a text of 2^30 times the technique's length; t0 .. t7
        // the same to 2^7; c0 .. c7 the same from a constant text of 9,000 characters.
        string Chain(string name, string first, int last) =>
            $"  {name}0: {first}\n" + string.Concat(Enumerable.Range(1, last).Select(i => $"  {name}{i}: {name}{i - 1} + {name}{i - 1}\n"));
        var definitions = (condition.Contains("d30", StringComparison.Ordinal) ? Chain("d", "procedure.technique", 30) : string.Empty)
            + (condition.Contains("t7", StringComparison.Ordinal) ? Chain("t", "procedure.technique", 7) : string.Empty)
            + (condition.Contains("c7", StringComparison.Ordinal) ? Chain("c", $"'\"{new string('x', 9_000)}\"'", 7) : string.Empty);
        return definitions.Length == 0 ? text : text.TrimEnd('\n') + "\ndefinitions:\n" + definitions;
    }

    private sealed record ImmutableDiagnostics(System.Collections.Immutable.ImmutableArray<Diagnostic> Items);
}
