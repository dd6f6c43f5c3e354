using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Encounters;
using CodingRules.Results;
using CodingRules.Tests.Properties;

namespace CodingRules.Tests.Security;

/// <summary>
/// Hostile input: alias bombs, deep nesting, huge scalars and files, huge encounters, unknown fields, wrong types and
/// expressions that try to reach .NET. Each ends in a clear diagnostic or error within bounded time, never an
/// exception, a stack overflow or a memory blow-up.
/// </summary>
public sealed class SecurityBoundaryTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private static string ShippedText => PropertyTestPaths.FacetRuleText;

    [Fact]
    public void AYamlAliasBombIsRefusedAsUnsupportedAnchors()
    {
        var yaml = new StringBuilder("ruleSet: bomb\nversion: \"1\"\n");
        yaml.Append("a0: &a0 [").Append(string.Join(", ", Enumerable.Repeat("\"lol\"", 9))).Append("]\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"a{level}: &a{level} [").Append(string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))).Append("]\n");
        }

        var before = GC.GetTotalMemory(forceFullCollection: false);
        var diagnostics = CompileWithin(yaml.ToString());
        var grown = GC.GetTotalMemory(forceFullCollection: false) - before;

        Assert.Contains(diagnostics, d => d.Id == "CR1011");
        Assert.True(grown < 200L * 1024 * 1024, $"Loading an alias bomb grew the heap by {grown} bytes.");
    }

    [Fact]
    public void AnAliasInAShippedRuleFileIsRefusedWhereItIsUsed()
    {
        var text = ShippedText.Replace("kind: coding", "kind: &k coding\ntitleCopy: *k", StringComparison.Ordinal);

        var diagnostics = CompileWithin(text);

        Assert.Contains(diagnostics, d => d.Id == "CR1011");
    }

    // Note: YamlDotNet throws an ArgumentException, not a YamlException, for these; it escaped the loader (and
    // crashed validate) until the reader caught it. FsCheck found the first (FormatterProperties).
    [Theory]
    [InlineData("ruleSet: x\nsummary: !!c]\n", 2, 10)]
    [InlineData("!!]\n", 1, 1)]
    [InlineData("%YAML 1.1\n--- !!c]\n", 2, 5)]
    [InlineData("ruleSet: x\nhandles:\n  - a # it's!\n  - !!x]y\n", 4, 5)]
    public void ATagThatIsNoUriIsRefusedAtTheTag(string text, int line, int column)
    {
        var diagnostics = CompileWithin(text);

        var error = Assert.Single(diagnostics, d => d.Id == "CR1011");
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void TenThousandLevelsOfNestingEndInALimitOrSyntaxError(string open, string close)
    {
        var text = "ruleSet: deep\nnested: " + Nest(open, close, "1", 10_000) + "\n";
        if (open == "- ")
        {
            var block = new StringBuilder("ruleSet: deep\nnested:\n");
            for (var i = 0; i < 10_000; i++)
            {
                block.Append(' ', i).Append("-\n");
            }

            text = block.ToString();
        }

        var diagnostics = CompileWithin(text);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(error.Id, new[] { "CR1009", "CR1001" });
    }

    [Fact]
    public void AFiftyMegabyteRuleFileIsRefusedBySizeBeforeItIsRead()
    {
        var folder = Directory.CreateTempSubdirectory("coding-rules-security-");
        try
        {
            var file = Path.Combine(folder.FullName, "huge.yaml");
            using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write("ruleSet: huge\nversion: \"1\"\nsummary: ");
                var chunk = new string('a', 1024 * 1024);
                for (var i = 0; i < 50; i++)
                {
                    writer.Write(chunk);
                }

                writer.Write('\n');
            }

            var watch = Stopwatch.StartNew();
            var (catalog, diagnostics) = RuleCatalog.Load([file]);
            watch.Stop();

            Assert.True(watch.Elapsed < TimeLimit, $"Loading took {watch.Elapsed}.");
            Assert.Empty(catalog.RuleSets);
            var error = Assert.Single(diagnostics);
            Assert.Equal(("CR1009", 1, 1), (error.Id, error.Location.Line, error.Location.Column));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ATwoHundredThousandCharacterScalarIsRefusedAsOverTheLimit()
    {
        var text = ShippedText.Replace(
            "title: Facet joint nerve destruction, per joint, imaging included",
            "title: " + new string('x', 200_000),
            StringComparison.Ordinal);
        Assert.NotEqual(ShippedText, text);

        var diagnostics = CompileWithin(text);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CR1009", error.Id);
        Assert.Equal(LineOf(text, "title: xxx"), error.Location.Line);
    }

    [Theory]
    [InlineData(10_000, "CR2007")]
    [InlineData(4_000, "CR2004")]
    public void DeeplyNestedParenthesesInAConditionEndInADiagnosticNotAStackOverflow(int depth, string expectedId)
    {
        var expression = new string('(', depth) + "1 == 1" + new string(')', depth);

        var diagnostics = CompileWithin(WithNoJointsCondition(expression));

        Assert.Contains(diagnostics, d => d.Id == expectedId);
    }

    [Theory]
    [InlineData(5_000, "CR2007")]
    [InlineData(2_000, "CR2004")]
    public void DeeplyNestedNotsInAConditionEndInADiagnosticNotAStackOverflow(int depth, string expectedId)
    {
        var expression = string.Concat(Enumerable.Repeat("not ", depth)) + "true";

        var diagnostics = CompileWithin(WithNoJointsCondition(expression));

        Assert.Contains(diagnostics, d => d.Id == expectedId);
    }

    [Fact]
    public void AnEncounterWithOneHundredThousandJointsIsAnErrorResult()
    {
        // 100,000 documented joints exceed the record size limit before they are parsed.
        var json = JointsRecord(Enumerable.Repeat("""{"level":"L4-L5","side":"left"}""", 100_000));

        var result = EvaluateWithin(json);

        Assert.True(result.IsError);
        Assert.Empty(result.Lines);
        Assert.Contains(result.Errors, e => e.Id == "CR5007");
    }

    [Fact]
    public void AnEncounterWithOneHundredThousandSmallJointsIsAnErrorAtTheJointList()
    {
        // Small enough to pass the record size limit, so the joint count limit applies.
        var joints = Enumerable.Repeat("""{"level":"L4-L5","side":"left"}""", EncounterContract.MaxJoints)
            .Concat(Enumerable.Repeat("{}", 100_000 - EncounterContract.MaxJoints));
        var json = JointsRecord(joints);
        Assert.True(json.Length < EncounterContract.MaxRecordBytes);

        var result = EvaluateWithin(json);

        Assert.True(result.IsError);
        Assert.Empty(result.Lines);
        var error = Assert.Single(result.Errors);
        Assert.Equal("CR5007", error.Id);
        Assert.StartsWith("/procedures/0/joints", error.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void AnEncounterObjectWithManyDistinctJointsIsEvaluatedInBoundedTime(int count)
    {
        // Hosts may build encounters in memory, bypassing the reader's joint limit.
        var joints = Enumerable.Range(0, count).Select(i => new JointTarget(i % 2 == 0 ? "X" + i : "L4-L5", Side.Bilateral));
        var procedure = new Procedure("facet-joint-destruction", "radiofrequency", 80, "fluoroscopy", null, null, [.. joints]);
        var encounter = new Encounter("E-HUGE", new DateOnly(2024, 9, 18), null, null, [], [procedure], []);

        var watch = Stopwatch.StartNew();
        var result = PropertyTestPaths.Catalog.Evaluate(encounter);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeLimit, $"Evaluating {count} joints took {watch.Elapsed}.");
        Assert.NotNull(result);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public void AnEncounterTenThousandLevelsDeepIsInvalidJson(string open, string close)
    {
        var json = """{"id":"E-DEEP","dateOfService":"2024-09-18","history":""" + Nest(open, close, "1", 10_000) + "}";

        var result = EvaluateWithin(json);

        Assert.True(result.IsError);
        Assert.Equal("CR5001", Assert.Single(result.Errors).Id);
    }

    [Fact]
    public void AnUnknownTopLevelFieldIsReportedAtItsKey()
    {
        var text = ShippedText.Replace("kind: coding\n", "kind: coding\ncolour: blue\n", StringComparison.Ordinal);
        Assert.NotEqual(ShippedText, text);

        var diagnostics = CompileWithin(text);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("CR1004", LineOf(text, "colour: blue"), 1), (error.Id, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void AnUnknownFieldInACheckIsReportedAtItsKey()
    {
        var text = ShippedText.Replace("    finding: E-NO-JOINTS\n", "    finding: E-NO-JOINTS\n    script: rm -rf /\n", StringComparison.Ordinal);
        Assert.NotEqual(ShippedText, text);

        var diagnostics = CompileWithin(text);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("CR1004", LineOf(text, "script: rm -rf /"), 5), (error.Id, error.Location.Line, error.Location.Column));
    }

    [Theory]
    [InlineData("effective:\n  from: \"2012-01-01\"\n", "effective: 5\n")]
    [InlineData("handles: [facet-joint-destruction]", "handles: facet-joint-destruction")]
    [InlineData("sources:\n", "sources: {}\nunused:\n")]
    public void AWrongValueTypeIsReported(string original, string replacement)
    {
        var text = ShippedText.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(ShippedText, text);

        var diagnostics = CompileWithin(text);

        Assert.Contains(diagnostics, d => d.Id == "CR1005");
    }

    [Fact]
    public void AWrongValueTypeInsideAListItemIsReportedAtTheValue()
    {
        const string Edited = "{ code: \"64636\", description: Add-on for each further lumbar or sacral facet joint, addOn: [true] }";
        var text = ShippedText.Replace(Edited.Replace("[true]", "true", StringComparison.Ordinal), Edited, StringComparison.Ordinal);
        var line = LineOf(text, Edited);
        var column = text.Split('\n')[line - 1].IndexOf("[true]", StringComparison.Ordinal) + 1;

        var diagnostics = CompileWithin(text);

        var error = diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("CR1005", line, column), (error.Id, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void AConditionCannotNameADotNetType()
    {
        var diagnostics = CompileWithin(WithNoJointsCondition("System.IO.File == null"));

        Assert.Contains(diagnostics, d => d.Id == "CR3001");
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CR1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("System.IO.File.Exists(\"x\")")]
    [InlineData("procedure.GetType() == null")]
    [InlineData("procedure.joints.GetType().Assembly == null")]
    [InlineData("typeof(procedure) == null")]
    [InlineData("new System.Object() == null")]
    [InlineData("procedure.ToString() == \"x\"")]
    public void AConditionCannotCallDotNetMembers(string expression)
    {
        var diagnostics = CompileWithin(WithNoJointsCondition(expression));

        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && (d.Id.StartsWith("CR2", StringComparison.Ordinal) || d.Id.StartsWith("CR3", StringComparison.Ordinal)));
    }

    private static string WithNoJointsCondition(string expression)
    {
        var text = ShippedText.Replace(
            "    when: count(procedure.joints) == 0 and count(procedure.nerves) == 0\n",
            "    when: '" + expression.Replace("'", "''", StringComparison.Ordinal) + "'\n",
            StringComparison.Ordinal);
        Assert.NotEqual(ShippedText, text);
        return text;
    }

    private static ImmutableArray<Diagnostic> CompileWithin(string text)
    {
        var watch = Stopwatch.StartNew();
        var (ruleSet, diagnostics) = PropertyTestPaths.Compile(text);
        watch.Stop();
        Assert.True(watch.Elapsed < TimeLimit, $"Loading took {watch.Elapsed}.");
        Assert.Null(ruleSet);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.All(diagnostics, d => Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString()));
        return diagnostics;
    }

    private static EvaluationResult EvaluateWithin(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var watch = Stopwatch.StartNew();
        var result = PropertyTestPaths.Catalog.Evaluate(bytes);
        watch.Stop();
        Assert.True(watch.Elapsed < TimeLimit, $"Evaluation took {watch.Elapsed}.");
        return result;
    }

    private static string JointsRecord(IEnumerable<string> joints) =>
        """{"id":"E-BIG","dateOfService":"2024-09-18","procedures":[{"kind":"facet-joint-destruction","technique":"radiofrequency","temperatureCelsius":80,"imaging":"fluoroscopy","joints":["""
        + string.Join(',', joints)
        + "]}]}";

    private static string Nest(string open, string close, string inner, int depth)
    {
        var builder = new StringBuilder((open.Length + close.Length) * depth + inner.Length);
        builder.Insert(0, open, depth).Append(inner);
        for (var i = 0; i < depth; i++)
        {
            builder.Append(close);
        }

        return builder.ToString();
    }

    private static int LineOf(string text, string fragment)
    {
        var offset = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"'{fragment}' is not in the text.");
        return text.AsSpan(0, offset).Count('\n') + 1;
    }
}
