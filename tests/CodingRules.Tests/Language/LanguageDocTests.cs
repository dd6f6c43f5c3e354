using System.Text;
using CodingRules.Language;
using CodingRules.Language.Functions;
using CodingRules.Model;
using CodingRules.Tests.Golden;

namespace CodingRules.Tests.Language;

/// <summary>
/// The tables of functions and of facts in docs/authoring.md are the declarations (FunctionLibrary, FactSchemas),
/// written out: a new function or fact is documented by regenerating them (CODINGRULES_UPDATE_GOLDEN=1).
/// </summary>
public sealed class LanguageDocTests
{
    private static string DocPath => Path.Combine(GoldenPaths.RepositoryRoot, "docs", "authoring.md");

    [Fact]
    public void TheDocsTableOfFunctionsIsTheLibrary() => CheckSection("functions", FunctionTable());

    [Fact]
    public void TheDocsTableOfFactsIsTheFactSchemas() => CheckSection("facts", FactTable());

    [Fact]
    public void EveryCallableNameIsDeclaredOnceAndSuggestedWhenMisspelt()
    {
        var names = FunctionLibrary.All.Select(d => d.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        var (_, errors) = ExpressionCompiler.Compile("coutn(procedure.joints) > 1", FactSchemas.ProcedureScope, ExprType.Boolean);
        Assert.Contains("(did you mean 'count'?)", Assert.Single(errors).Arguments[1]!.ToString(), StringComparison.Ordinal);
        var (_, fieldErrors) = ExpressionCompiler.Compile("procedure.tecnique == \"a\"", FactSchemas.ProcedureScope, ExprType.Boolean);
        Assert.Contains("'technique'", Assert.Single(fieldErrors).Arguments[2]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("intersects([\"a\", \"b\"], [\"c\", \"b\"])", "true")]
    [InlineData("intersects([\"a\"], [\"c\"])", "false")]
    [InlineData("intersects([], [\"c\"])", "false")]
    [InlineData("intersects(map(procedure.joints, j => j.level), [\"L4-L5\"])", "false")]
    public void IntersectsIsADeclaredFunctionLikeTheOthers(string text, string expected) =>
        Assert.Equal(expected, LanguageFacts.Evaluate(LanguageFacts.Compile(text), new CodingRules.Encounters.Encounter("E", new DateOnly(2024, 1, 1), null, null, [], [], [])));

    private static string FunctionTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| name | kind | signatures | what it does |");
        text.AppendLine("|---|---|---|---|");
        foreach (var d in FunctionLibrary.All)
        {
            var signatures = string.Join("<br>", d.Signatures.Select(s => $"`{Escape(s)}`"));
            text.AppendLine($"| `{Escape(d.Name)}` | {d.Kind.ToString().ToLowerInvariant()} | {signatures} | {Escape(d.Summary)} |");
        }

        return text.ToString();
    }

    private static string FactTable()
    {
        (string Variable, ObjectSchema Schema)[] variables =
        [
            ("encounter", FactSchemas.Encounter), ("procedure", FactSchemas.Procedure), ("joint", FactSchemas.Joint),
            ("nerve", FactSchemas.Nerve), ("session", FactSchemas.Session), ("history entry", FactSchemas.History),
            ("line", FactSchemas.Line), ("billed", FactSchemas.BilledLine),
        ];
        var text = new StringBuilder();
        text.AppendLine("| variable or element | field | type | what it holds |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (variable, schema) in variables)
        {
            var first = true;
            foreach (var field in schema.FieldsInOrder)
            {
                text.AppendLine($"| {(first ? $"`{variable}`" : string.Empty)} | `{field.Name}` | `{Escape(field.Type.Name)}` | {Escape(field.Description)} |");
                first = false;
            }
        }

        return text.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);

    private static void CheckSection(string name, string generated)
    {
        var begin = $"<!-- generated: {name} (LanguageDocTests; CODINGRULES_UPDATE_GOLDEN=1 rewrites it) -->";
        const string End = "<!-- end of generated section -->";
        var doc = File.ReadAllText(DocPath).ReplaceLineEndings("\n");
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/authoring.md has no '{begin}' marker");
        var end = doc.IndexOf(End, start, StringComparison.Ordinal);
        Assert.True(end > start, "the generated section is not closed");
        var current = doc[(start + begin.Length)..end].Trim('\n');
        var expected = generated.ReplaceLineEndings("\n").Trim('\n');
        if (current != expected && GoldenPaths.UpdateGolden)
        {
            File.WriteAllText(DocPath, doc[..(start + begin.Length)] + "\n" + expected + "\n" + doc[end..]);
            return;
        }

        Assert.Equal(expected, current);
    }
}
